// System: what the SBC is called and where it sits in the network.
import { z } from 'zod';
import { canonicalAddress, parseIpAddress } from './ip-address.ts';
import { DisplayName, Fqdn, IpAddress, Slug, uniqueList, wholeNumber } from './primitives.ts';

export const InterfaceRole = z.enum(['lan', 'wan']);

export const NetworkInterface = z
  .strictObject({
    id: Slug,
    role: InterfaceRole,
    address: IpAddress,
    prefixLength: wholeNumber(0, 128),
    gateway: IpAddress.nullable().default(null),
    /** 1:1 NAT: the public address peers see; it goes into Contact, Via and SDP instead of `address`. */
    natPublicAddress: IpAddress.nullable()
      .default(null)
      .describe('1:1 NAT: the public address that peers see and that SIP and SDP carry; null without NAT'),
  })
  .superRefine((nic, ctx) => {
    const family = parseIpAddress(nic.address)?.family;
    if (family === 4 && nic.prefixLength > 32) {
      ctx.addIssue({ code: 'custom', path: ['prefixLength'], message: 'an IPv4 prefix length is 0 to 32' });
    }
    if (nic.gateway !== null && family !== undefined && parseIpAddress(nic.gateway)?.family !== family) {
      ctx.addIssue({
        code: 'custom',
        path: ['gateway'],
        message: `the gateway must be an IPv${family} address like the interface's address`,
      });
    }
  });

export const SystemSection = z.strictObject({
  name: DisplayName.default('SBC'),
  /** The SBC's own name: Teams pairs the SBC by it, and the TLS certificate must carry it. */
  fqdn: Fqdn.nullable()
    .default(null)
    .describe('The SBC FQDN (Contact host, certificate name, Teams gateway); null until set'),
  interfaces: uniqueList(NetworkInterface, 16, (nic) => nic.id).default([]),
  dnsServers: uniqueList(IpAddress, 8, canonicalAddress).default([]),
  /** DNS-SD announcement of the engine (sbc-engine/discovery/); never on a loopback management address. */
  announce: z
    .boolean()
    .default(true)
    .describe('Announce this engine with DNS-SD so SBC Studio finds it on the network'),
});

export type SystemSection = z.infer<typeof SystemSection>;
export type NetworkInterface = z.infer<typeof NetworkInterface>;
