// What a transaction needs from the layers around it (RFC 3261 §17): a way down to the transport
// and a way up to its transaction user. One small typed interface instead of string events.
import type { SipMessage } from '../message.ts';
import type { TimerHost } from './clock.ts';
import type { TimerConfig } from './timers.ts';

/** Why a message goes out: the first copy, a retransmission, or an ACK the transaction built. */
export type SendReason = 'initial' | 'retransmit' | 'ack';

export interface TransactionUser<In extends SipMessage> {
  /** Hand a message to the transport (§18). A failure comes back through transportError(). */
  send(message: SipMessage, reason: SendReason): void;
  /** A message the TU must see: responses for client, the request for server transactions. */
  passToUser(message: In): void;
  /** Timer B, F or H fired: the peer never answered (§17.1.1.2, §17.1.2.2, §17.2.1). */
  onTimeout(): void;
  /** The transport could not send (§17.1.4, §17.2.4). */
  onTransportError(): void;
  /** The transaction reached "terminated"; the layer forgets it. */
  onTerminated(): void;
}

export interface TransactionOptions {
  timers: TimerHost;
  config: TimerConfig;
  /** TCP, TLS, SCTP, WS: no retransmissions, zero-length wait timers (§17.1.1.2, §17.2.1). */
  reliable: boolean;
}
