import type { PeerAddress } from '../sip/via-stamp.ts';
import type { Flow } from './flow.ts';

export type TransportName = 'udp' | 'tcp' | 'tls';

/** One SIP message as it arrived, and the way back to where it came from. */
export interface Inbound {
  transport: TransportName;
  bytes: Buffer;
  source: PeerAddress;
  /** Sends bytes back: to the source address and port (UDP) or on the same connection (TCP/TLS). */
  reply(bytes: Buffer): void;
  /** The flow it came on: responses and, for stream connections, later requests go back on it. */
  flow: Flow;
}

export interface SipListener {
  transport: TransportName;
  host: string;
  port: number;
  close(): Promise<void>;
}

export type InboundHandler = (message: Inbound) => void;

export function unmapIpv4(address: string): string {
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}
