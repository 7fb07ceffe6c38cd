// CallNetwork over the engine's SIP core: the b leg's INVITE goes to a connection's target located
// by RFC 3263 (the next address after a transport failure, §4.3), in-dialog requests go with client
// transactions on the leg's flow, and ACKs for 2xx without one.
import { locateServer } from '../sip/locate/index.ts';
import { ipFamily } from '../sip/locate/target.ts';
import type { SipMessage, SipRequest } from '../sip/message.ts';
import type { ClientCallbacks, ClientTransaction } from '../sip/transaction/transaction-layer.ts';
import type { SenderDeps } from '../connections/target-sender.ts';
import type { Destination, Flow } from '../transport/flow.ts';
import type { TlsPeerPolicy } from '../transport/tls-policy.ts';
import type { CallNetwork, DialEvents, NextHop, SipTransportName } from './call-ports.ts';
import type { Attempt } from './failover.ts';

export interface CoreWay {
  openFlow(destination: Destination, tlsPolicy?: TlsPeerPolicy): Promise<Flow>;
  sendOnFlow(request: SipRequest, flow: Flow, callbacks: ClientCallbacks): ClientTransaction;
  sendMessage(message: SipMessage, flow: Flow, onError?: (reason: string) => void): void;
}

export interface CallNetworkDeps {
  sip: CoreWay;
  /** How a target of a connection is reached; undefined when the connection is gone. */
  outbound(attempt: Attempt): { sender: SenderDeps; tlsPolicy: () => TlsPeerPolicy | undefined } | undefined;
  log: (line: string) => void;
}

export function createCallNetwork(deps: CallNetworkDeps): CallNetwork {
  const flowOf = async (hop: NextHop): Promise<Flow> => {
    if (hop.flow) return hop.flow;
    if (!hop.destination) throw new Error('the leg has no way to its peer');
    return deps.sip.openFlow(hop.destination, hop.tlsPolicy);
  };
  return {
    dial(attempt, build, events) {
      void dial(deps, attempt, build, events).catch((error: unknown) =>
        events.failed((error as Error).message),
      );
    },
    request(hop, request, callbacks) {
      flowOf(hop).then(
        (flow) => {
          try {
            deps.sip.sendOnFlow(request, flow, callbacks);
          } catch (error) {
            deps.log(`[b2bua] ${request.method} not sent: ${(error as Error).message}`);
            callbacks.onTransportError();
          }
        },
        (error: unknown) => {
          deps.log(`[b2bua] ${request.method} not sent: ${(error as Error).message}`);
          callbacks.onTransportError();
        },
      );
    },
    send(hop, message) {
      flowOf(hop).then(
        (flow) => deps.sip.sendMessage(message, flow),
        (error: unknown) => deps.log(`[b2bua] a message was not sent: ${(error as Error).message}`),
      );
    },
  };
}

async function dial(
  deps: CallNetworkDeps,
  attempt: Attempt,
  build: (local: { transport: SipTransportName; address: string; port: number }) => SipRequest,
  events: DialEvents,
): Promise<void> {
  const way = deps.outbound(attempt);
  const { target } = attempt;
  if (!way) return events.failed(`connection ${attempt.connection.id} is not running`);
  const located = await locateServer(
    { host: target.host, ...(target.port !== null ? { port: target.port } : {}), transport: target.transport, secure: false },
    way.sender.resolver(),
    { random: way.sender.random, transports: [target.transport] },
  ); // prettier-ignore
  if (!located.ok) return events.failed(`${target.host}: ${located.error.message}`);
  way.sender.onResolved?.(located.destinations.map((d) => d.address));
  const allowed = located.destinations.filter((d) => way.sender.allowAddress?.(d.address) ?? true);
  if (allowed.length === 0)
    return events.failed(`${target.host}: not sent, this engine may only send to loopback`);
  let tlsPolicy: TlsPeerPolicy | undefined;
  if (target.transport === 'tls') {
    try {
      tlsPolicy = way.tlsPolicy();
    } catch (error) {
      return events.failed((error as Error).message);
    }
  }
  const destinations: Destination[] = allowed.map((d) => ({
    transport: d.transport,
    address: d.address,
    port: d.port,
    // RFC 5922 §4: the certificate must name the domain asked for, not the SRV target.
    ...(d.transport === 'tls'
      ? { serverName: ipFamily(target.host) === undefined ? target.host : d.address }
      : {}),
  }));
  let index = 0;
  let lastReason = `${target.host}: no address to send to`;
  const tryNext = async (): Promise<void> => {
    while (index < destinations.length) {
      const destination = destinations[index++]!;
      let flow: Flow;
      try {
        flow = await deps.sip.openFlow(destination, tlsPolicy);
      } catch (error) {
        lastReason = (error as Error).message;
        continue;
      }
      let failure = `sending to ${destination.transport}:${destination.address}:${destination.port} failed`;
      // The transport's own words for a failed send (ICMP unreachable, closed connection).
      const watched: Flow = {
        ...flow,
        send: (bytes, onError) =>
          flow.send(bytes, (reason) => {
            failure = reason;
            onError?.(reason);
          }),
      };
      let answered = false;
      const hop: NextHop = {
        transport: destination.transport,
        remote: { address: destination.address, port: destination.port },
        flow: watched,
        destination,
        ...(tlsPolicy ? { tlsPolicy } : {}),
      };
      try {
        const transaction = deps.sip.sendOnFlow(
          build({ transport: flow.transport, ...flow.local }),
          watched,
          {
            passToUser: (response) => {
              answered = true;
              events.response(response);
            },
            onTimeout: () => events.timeout(),
            onTransportError: () => {
              lastReason = failure;
              // RFC 3263 §4.3: before any answer, a transport failure moves on to the next address.
              if (!answered && index < destinations.length) void tryNext();
              else events.failed(lastReason);
            },
          },
        );
        events.sent(hop, transaction.request);
        return;
      } catch (error) {
        lastReason = (error as Error).message;
      }
    }
    events.failed(lastReason);
  };
  await tryNext();
}
