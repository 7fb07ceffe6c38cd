// What became of one request the engine sent: a final response, Timer F/B (no answer), or a
// transport failure (DNS, connection refused, TLS handshake, ICMP). Shared by the keepalive and the
// registration, which both send through the transaction layer.
import type { SipResponse } from '../sip/message.ts';

export type SendOutcome =
  | {
      kind: 'response';
      response: SipResponse;
      rttMs: number;
      /** Stream flows: the connection the request went on (the same object while it stays open). */
      connection?: { onClose?(listener: () => void): void };
    }
  | { kind: 'timeout' }
  | { kind: 'transport'; reason: string };
