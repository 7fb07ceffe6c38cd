// VoIP parameters: the SIP sockets the engine listens on and what it says about itself.
import { z } from 'zod';
import { IpAddress, oneLine, Port, seconds, SipTransport, Slug } from './primitives.ts';

export const Listener = z
  .strictObject({
    transport: SipTransport,
    /** 0.0.0.0 or :: for every interface. */
    address: IpAddress.describe('Address to bind: 0.0.0.0 or :: for all interfaces'),
    port: Port,
    tlsProfile: Slug.nullable()
      .default(null)
      .describe('Id of the TLS profile (certificate and trust) of a TLS listener'),
  })
  .superRefine((listener, ctx) => {
    if (listener.transport === 'tls' && listener.tlsProfile === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['tlsProfile'],
        message: 'a TLS listener needs a TLS profile: it holds the certificate the engine presents',
      });
    }
  });

/** The TLS profile that the default TLS listener uses; defaultConfig() creates it. */
export const DEFAULT_TLS_PROFILE_ID = 'default';

// RFC 3261 §18: 5060 for UDP and TCP, 5061 for TLS.
export const DEFAULT_LISTENERS: z.input<typeof Listener>[] = [
  { transport: 'udp', address: '0.0.0.0', port: 5060 },
  { transport: 'tcp', address: '0.0.0.0', port: 5060 },
  { transport: 'tls', address: '0.0.0.0', port: 5061, tlsProfile: DEFAULT_TLS_PROFILE_ID },
];

/** RFC 4028 session timers: a refresh keeps both ends sure the call is still up. */
export const SessionTimers = z
  .strictObject({
    enabled: z.boolean().default(true),
    // RFC 4028 §4: 1800 s recommended; Min-SE never below 90 s.
    sessionExpiresSeconds: seconds(90, 86400).default(1800),
    minSeSeconds: seconds(90, 86400).default(90),
    refresher: z.enum(['uac', 'uas']).default('uac'),
  })
  .superRefine((timers, ctx) => {
    if (timers.sessionExpiresSeconds < timers.minSeSeconds) {
      ctx.addIssue({
        code: 'custom',
        path: ['sessionExpiresSeconds'],
        message: `must be at least minSeSeconds (${timers.minSeSeconds})`,
      });
    }
  });

export const VoipSection = z.strictObject({
  listeners: z.array(Listener).max(32, 'at most 32 listeners').prefault(DEFAULT_LISTENERS),
  // Teams expects one OPTIONS a minute (providers.md); connections inherit this unless they set their own.
  optionsIntervalSeconds: seconds(10, 3600).default(60),
  userAgent: oneLine(128).default('SBC Studio sbc-engine'),
  /** Vendor/Model/Version, as Teams' X-MS-SBC header carries it; a connection decides whether to send it. */
  xMsSbc: oneLine(128)
    .regex(/^[^/]+\/[^/]+\/[^/]+$/, 'expected Vendor/Model/Version, e.g. SBC Studio/sbc-engine/0.1.0')
    .default('SBC Studio/sbc-engine/0.1.0'),
  sessionTimers: SessionTimers.prefault({}),
});

export type VoipSection = z.infer<typeof VoipSection>;
export type Listener = z.infer<typeof Listener>;
