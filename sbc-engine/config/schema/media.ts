// Media: how RTP and SRTP are relayed, offered and negotiated, for the engine as a whole.
import { z } from 'zod';
import { Port, uniqueList, wholeNumber } from './primitives.ts';

/** SDES crypto suites (RFC 4568, RFC 7714). Teams needs AES_CM_128_HMAC_SHA1_80 (providers.md). */
export const SRTP_SUITES = [
  'AES_CM_128_HMAC_SHA1_80',
  'AES_CM_128_HMAC_SHA1_32',
  'AEAD_AES_128_GCM',
  'AEAD_AES_256_GCM',
] as const;
export const SrtpSuite = z.enum(SRTP_SUITES);

export const RtpPortRange = z.strictObject({ first: Port, last: Port }).superRefine((range, ctx) => {
  // RTP takes the even port, RTCP the odd one above it (RFC 3550 §11).
  if (range.first % 2 !== 0) {
    ctx.addIssue({ code: 'custom', path: ['first'], message: 'must be even (RTP uses even ports)' });
  }
  if (range.last <= range.first) {
    ctx.addIssue({ code: 'custom', path: ['last'], message: `must be above first (${range.first})` });
  }
});

/** An encoding name as in an SDP rtpmap line: PCMA, PCMU, G722, G729, SILK, opus. */
const CodecName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, 'expected a codec name as in SDP, e.g. PCMA');

export const Dtmf = z.strictObject({
  method: z.enum(['rfc4733', 'sip-info']).default('rfc4733'),
  /** The telephone-event payload type the engine offers; it maps each leg's own number to it. */
  payloadType: wholeNumber(96, 127).default(101),
});

export const MediaSection = z.strictObject({
  rtpPortRange: RtpPortRange.default({ first: 40000, last: 49999 }),
  srtpSuites: uniqueList(SrtpSuite, SRTP_SUITES.length, (suite) => suite)
    .min(1, 'list at least one suite')
    .default(['AES_CM_128_HMAC_SHA1_80', 'AES_CM_128_HMAC_SHA1_32']),
  /** false allows UNAUTHENTICATED_SRTP (RFC 4568 §6.3.2); Exchange UM refused it. */
  authenticatedSrtp: z.boolean().default(true),
  /** false allows UNENCRYPTED_SRTCP. */
  encryptedSrtcp: z.boolean().default(true),
  // Teams media bypass needs ICE-Lite on the SBC (providers.md).
  iceLite: z.boolean().default(false),
  rtcpMux: z.boolean().default(true),
  codecs: uniqueList(CodecName, 32, (name) => name.toLowerCase())
    .min(1, 'list at least one codec')
    .default(['PCMA', 'PCMU', 'G722'])
    .describe('Codecs allowed through, in order of preference'),
  ptimeMs: wholeNumber(10, 120).multipleOf(10, 'expected 10, 20, 30 ... 120 ms').default(20),
  dtmf: Dtmf.prefault({}),
  /** pass: T.38 re-INVITEs go through; refuse: answered 488 so the call stays on G.711 fax. */
  t38: z.enum(['pass', 'refuse']).default('pass'),
});

export type MediaSection = z.infer<typeof MediaSection>;
export type SrtpSuite = z.infer<typeof SrtpSuite>;
