// The small value types every section uses, each with an error message an admin can act on.
import { z } from 'zod';
import { isFqdn, isHostname, parseCidr, parseIpAddress } from './ip-address.ts';

// C0 and C1 control characters, spelled out so the JSON Schema pattern needs no unicode flag.
// eslint-disable-next-line no-control-regex
const NO_CONTROL_CHARACTERS = /^[^\u0000-\u001f\u007f-\u009f]*$/;

/** Ids that other parts of the config refer to ("teams-1"). */
export const Slug = z
  .string()
  .regex(
    /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/,
    'use 1 to 64 lower-case letters, digits and dashes, not starting or ending with a dash (e.g. teams-1)',
  )
  .describe('An id: lower-case letters, digits and dashes');

/** A name shown to people. */
export const DisplayName = z
  .string()
  .min(1, 'must not be empty')
  .max(128, 'at most 128 characters')
  .regex(NO_CONTROL_CHARACTERS, 'must not contain control characters (line breaks, tabs)');

/** Free text such as a description; one line. */
export function oneLine(max: number) {
  return z
    .string()
    .max(max, `at most ${max} characters`)
    .regex(NO_CONTROL_CHARACTERS, 'must not contain control characters (line breaks, tabs)');
}

const PORT_MESSAGE = 'expected a port number from 1 to 65535';
export const Port = z
  .number({ error: PORT_MESSAGE })
  .int(PORT_MESSAGE)
  .min(1, PORT_MESSAGE)
  .max(65535, PORT_MESSAGE);

/** A whole number of seconds within [min, max]. */
export function seconds(min: number, max: number) {
  const message = `expected a whole number of seconds from ${min} to ${max}`;
  return z.number({ error: message }).int(message).min(min, message).max(max, message);
}

export function wholeNumber(min: number, max: number) {
  const message = `expected a whole number from ${min} to ${max}`;
  return z.number({ error: message }).int(message).min(min, message).max(max, message);
}

export const SipTransport = z.enum(['udp', 'tcp', 'tls']);
export type SipTransport = z.infer<typeof SipTransport>;

export const Hostname = z
  .string()
  .refine(isHostname, 'expected a host name such as sbc.example.com (letters, digits, dashes and dots)')
  .describe('A DNS host name');

export const Fqdn = z
  .string()
  .refine(isFqdn, 'expected a fully qualified domain name such as sbc.example.com')
  .describe('A fully qualified domain name');

export const IpAddress = z
  .string()
  .refine(
    (text) => parseIpAddress(text) !== null,
    'expected an IPv4 or IPv6 address such as 192.0.2.10 or 2001:db8::10 (IPv6 without brackets)',
  )
  .describe('An IPv4 or IPv6 address, IPv6 without brackets');

/** Where to send: a host name or an address. */
export const Host = z
  .string()
  .refine(
    (text) => isHostname(text) || parseIpAddress(text) !== null,
    'expected a host name such as sip.example.com or an IP address (IPv6 without brackets)',
  )
  .describe('A host name or an IP address, IPv6 without brackets');

export const Cidr = z
  .string()
  .superRefine((text, ctx) => {
    const result = parseCidr(text);
    if (!result.ok) ctx.addIssue({ code: 'custom', message: result.reason });
  })
  .describe('A network as ADDRESS/PREFIX, e.g. 52.112.0.0/14 or 2001:db8::/32');

/** An entry of the engine's certificate store (sbc-engine/certs/store): 16 lower-case hex digits. */
export const StoreEntryId = z
  .string()
  .regex(/^[0-9a-f]{16}$/, 'expected a certificate store id: 16 lower-case hex digits');

/** A number in E.164 form with its plus: +4930123456. */
export const E164_TEXT = /^\+[1-9]\d{1,14}$/;
export const E164 = z
  .string()
  .regex(E164_TEXT, 'expected an E.164 number such as +4930123456')
  .describe('A number in E.164 form, e.g. +4930123456');

/** A list whose items must not repeat (compared by `key`). */
export function uniqueList<T extends z.ZodType>(item: T, max: number, key: (value: z.output<T>) => string) {
  return z
    .array(item)
    .max(max, `at most ${max} entries`)
    .superRefine((list, ctx) => {
      const seen = new Map<string, number>();
      list.forEach((value, i) => {
        const k = key(value);
        const first = seen.get(k);
        if (first === undefined) seen.set(k, i);
        else ctx.addIssue({ code: 'custom', message: `the same as entry ${first}`, path: [i] });
      });
    });
}
