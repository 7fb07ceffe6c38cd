// Connections (trunks): the peers calls come from and go to, each made from a provider profile or
// by hand.
import { z } from 'zod';
import { canonicalCidr } from './ip-address.ts';
import { SrtpSuite } from './media.ts';
import {
  Cidr,
  DisplayName,
  E164,
  E164_TEXT,
  Host,
  Hostname,
  oneLine,
  Port,
  seconds,
  SipTransport,
  Slug,
  uniqueList,
  wholeNumber,
} from './primitives.ts';
import { Secret } from './secret.ts';

export const Target = z.strictObject({
  host: Host,
  /** null: locate by DNS (RFC 3263 NAPTR/SRV), as Telekom's outbound proxy asks, or the transport's port. */
  port: Port.nullable()
    .default(null)
    .describe("null = find by DNS NAPTR/SRV (RFC 3263), else the transport's default port"),
  transport: SipTransport,
  /** Lower is tried first; equal priorities share the load. */
  priority: wholeNumber(0, 65535).default(1),
});

export const Registration = z.strictObject({
  /** The registered user, e.g. Telekom's registration number +49... */
  user: oneLine(128).min(1, 'must not be empty'),
  /** Digest user name, when it differs from `user` (Telekom's telephony user name). */
  authUser: oneLine(128).min(1, 'must not be empty').nullable().default(null),
  password: Secret,
  /** null: answer whichever realm the registrar challenges with. */
  realm: oneLine(128).min(1, 'must not be empty').nullable().default(null),
  /** The registrar domain (To/From host of the REGISTER) when it is not the first target's host. */
  domain: Hostname.nullable().default(null),
  expirySeconds: seconds(60, 86400).default(3600),
});

/** The numbers a trunk owns, first to last, e.g. +493012345600 to +493012345699. */
export const NumberBlock = z.strictObject({ first: E164, last: E164 }).superRefine((block, ctx) => {
  if (!E164_TEXT.test(block.first) || !E164_TEXT.test(block.last)) return; // reported on the field itself
  if (block.first.length !== block.last.length) {
    ctx.addIssue({ code: 'custom', path: ['last'], message: 'must have as many digits as first' });
  } else if (block.last < block.first) {
    ctx.addIssue({ code: 'custom', path: ['last'], message: `must not be below first (${block.first})` });
  }
});

export const OptionsKeepalive = z.strictObject({
  enabled: z.boolean().default(true),
  intervalSeconds: seconds(10, 3600).nullable().default(null).describe('null = voip.optionsIntervalSeconds'),
});

/** How the engine rewrites headers toward this connection. */
export const HeaderRules = z.strictObject({
  /** Teams: Contact must carry the SBC FQDN that matches the certificate (providers.md). */
  fqdnInContact: z.boolean().default(false),
  fqdnInFrom: z.boolean().default(false),
  /** Exchange UM: the To host must be the gateway's forwarding address. null leaves To as it is. */
  toHost: Host.nullable().default(null),
  identity: z
    .enum(['as-received', 'p-asserted-identity', 'p-preferred-identity', 'remove'])
    .default('as-received'),
  privacy: z.enum(['as-received', 'remove']).default('as-received'),
  callHistory: z
    .enum(['as-received', 'history-info-to-diversion', 'diversion-to-history-info', 'remove'])
    .default('as-received'),
  /** Send X-MS-SBC with voip.xMsSbc. */
  xMsSbc: z.boolean().default(false),
});

export const SdpRules = z.strictObject({
  stripIce: z.boolean().default(false),
  stripRtcpMux: z.boolean().default(false),
  cryptoOffer: uniqueList(SrtpSuite, 4, (suite) => suite)
    .min(1, 'list at least one suite, or null for media.srtpSuites')
    .nullable()
    .default(null)
    .describe('SDES suites offered on this leg, in order; null = media.srtpSuites'),
});

/**
 * srtp-required: this leg uses SRTP, plain offers are refused; rtp: plain RTP on this leg; relay:
 * media is relayed as the peer offers it.
 */
export const MediaPolicy = z.enum(['srtp-required', 'rtp', 'relay']);

export const Connection = z.strictObject({
  id: Slug,
  name: DisplayName,
  /** The provider profile (resources/profiles/) the connection was made from; null when made by hand. */
  profile: Slug.nullable().default(null),
  targets: z.array(Target).min(1, 'add at least one target').max(16, 'at most 16 targets'),
  // Teams' FailoverTimeSeconds default (providers.md).
  failoverTimeSeconds: seconds(1, 300).default(10),
  registration: Registration.nullable().default(null),
  numberBlock: NumberBlock.nullable().default(null),
  options: OptionsKeepalive.prefault({}),
  headers: HeaderRules.prefault({}),
  sdp: SdpRules.prefault({}),
  mediaPolicy: MediaPolicy.default('rtp'),
  /** Where requests may come from; empty = only the addresses the targets resolve to. */
  allowedSources: uniqueList(Cidr, 256, canonicalCidr)
    .default([])
    .describe('Source networks (CIDR) accepted; empty = the addresses the targets resolve to'),
  maxConcurrentCalls: wholeNumber(1, 100000).nullable().default(null).describe('null = no limit'),
  tlsProfile: Slug.nullable().default(null).describe('TLS profile for TLS targets'),
});

export type Connection = z.infer<typeof Connection>;
export type Target = z.infer<typeof Target>;
export type Registration = z.infer<typeof Registration>;
