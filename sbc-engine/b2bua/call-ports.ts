// The interfaces a call needs from around it: a way to send (the network), the facts of the applied
// config (the policy), and whom to tell what happened (the observer). The engine implements them
// over the SIP core (call-network.ts); unit tests with fakes.
import type { Connection } from '../config/schema/connections.ts';
import type { SipMessage, SipRequest, SipResponse } from '../sip/message.ts';
import type { TimerHost } from '../sip/transaction/clock.ts';
import type { ClientCallbacks } from '../sip/transaction/transaction-layer.ts';
import type { PeerAddress } from '../sip/via-stamp.ts';
import type { Destination, Flow } from '../transport/flow.ts';
import type { TlsPeerPolicy } from '../transport/tls-policy.ts';
import type { Attempt, AttemptEnd } from './failover.ts';

export type LegSide = 'a' | 'b';
export type SipTransportName = 'udp' | 'tcp' | 'tls';

/** Where a leg's requests go. */
export interface NextHop {
  transport: SipTransportName;
  remote: PeerAddress;
  /** Sent on this flow as it is: the a leg, on the flow its INVITE came on. */
  flow?: Flow;
  /** Else opened (or taken from the pool) per request: the b leg's address that took the INVITE. */
  destination?: Destination;
  tlsPolicy?: TlsPeerPolicy;
}

/** A server transaction as the call sees it. */
export interface ServerSide {
  readonly request: SipRequest;
  sendResponse(response: SipResponse): void;
}

export interface DialEvents {
  /** The INVITE left on `hop`; `invite` is as sent (its top Via filled in). */
  sent(hop: NextHop, invite: SipRequest): void;
  /** Every response to it, 100 included. */
  response(response: SipResponse): void;
  /** Timer B: nothing came back. */
  timeout(): void;
  /** Every address of the target failed at the transport (DNS, connect, TLS, ICMP). */
  failed(reason: string): void;
}

export interface CallNetwork {
  /** Locates the attempt's target and sends the INVITE `build` makes for the flow it picked. */
  dial(
    attempt: Attempt,
    build: (local: { transport: SipTransportName; address: string; port: number }) => SipRequest,
    events: DialEvents,
  ): void;
  /** A request with a client transaction (BYE, CANCEL, re-INVITE ...) toward a next hop. */
  request(hop: NextHop, request: SipRequest, callbacks: ClientCallbacks): void;
  /** A message without a transaction: the ACK for a 2xx, a retransmitted 2xx. */
  send(hop: NextHop, message: SipMessage): void;
}

/** The applied config, as the calls use it. */
export interface CallPolicy {
  fqdn: string | null;
  userAgent: string;
  xMsSbc: string;
  /** media.codecs: the allow list, in order of preference. */
  codecs: readonly string[];
  /** Methods the engine takes (Allow). */
  allow: readonly string[];
  /** The listener address a connection's traffic uses, when there is no FQDN. */
  localHost(transport: SipTransportName): string;
  /** Our Contact toward a connection over a transport, as a name-addr. */
  contact(connection: Connection, transport: SipTransportName, local: PeerAddress, user: string): string;
}

export type EndCause = 'bye-a' | 'bye-b' | 'cancel' | 'failed' | 'timeout' | 'teardown';

/** What a call tells the B2BUA (registry, counters, syslog). */
export interface CallObserver {
  /** A b-leg Call-ID is about to be used (before its INVITE leaves, so the INVITE can be traced). */
  legStarting(call: CallView, callId: string): void;
  /** A b-leg INVITE left: its Call-ID is the call's now. */
  attemptSent(call: CallView, attempt: Attempt, callId: string, hop: NextHop): void;
  attemptEnded(call: CallView, attempt: Attempt, end: AttemptEnd | { kind: 'answered' }): void;
  answered(call: CallView, status: number): void;
  ended(call: CallView, cause: EndCause, status: number): void;
}

export interface CallView {
  readonly id: string;
}

export interface CallEnv {
  network: CallNetwork;
  timers: TimerHost;
  newToken: () => string;
  policy: CallPolicy;
  observer: CallObserver;
  log: (line: string) => void;
}
