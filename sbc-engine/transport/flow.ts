import type { PeerAddress } from '../sip/via-stamp.ts';
import type { TransportName } from './types.ts';

/** A way to a peer: a UDP socket and address, or a TCP/TLS connection. */
export interface Flow {
  transport: TransportName;
  remote: PeerAddress;
  /** The local end, for the Via sent-by (RFC 3261 §18.1.1). */
  local: PeerAddress;
  send(bytes: Buffer, onError?: (reason: string) => void): void;
  /** Stream flows: called once when the connection closes. */
  onClose?(listener: () => void): void;
}

export interface Destination {
  transport: TransportName;
  address: string;
  port: number;
  /** The name the peer's certificate must carry (TLS); defaults to address. */
  serverName?: string;
}

export function flowKey(transport: TransportName, address: string, port: number): string {
  return `${transport}:${address.toLowerCase()}:${port}`;
}
