// Sends one request to a configured target: RFC 3263 location (NAPTR/SRV/A for a name, the literal
// for an address), then the flow (pooled TCP/TLS connection or connected UDP socket) and a client
// transaction on it, trying the next address after a transport failure (RFC 3263 §4.3). What became
// of it comes back as a SendOutcome; this never rejects.
import { locateServer, type DnsResolver } from '../sip/locate/index.ts';
import { ipFamily } from '../sip/locate/target.ts';
import type { SipRequest } from '../sip/message.ts';
import type { ClientCallbacks, ClientTransaction } from '../sip/transaction/transaction-layer.ts';
import type { Destination, Flow } from '../transport/flow.ts';
import type { TlsPeerPolicy } from '../transport/tls-policy.ts';
import type { SendOutcome } from './probe-outcome.ts';

export interface SipWay {
  openFlow(destination: Destination, tlsPolicy?: TlsPeerPolicy): Promise<Flow>;
  sendOnFlow(request: SipRequest, flow: Flow, callbacks: ClientCallbacks): ClientTransaction;
}

export interface ConfiguredTarget {
  host: string;
  port: number | null;
  transport: 'udp' | 'tcp' | 'tls';
}

export interface SenderDeps {
  sip: SipWay;
  resolver: () => DnsResolver;
  now: () => number;
  random: () => number;
  /** Addresses the engine may send to; a test engine is kept on loopback with it. */
  allowAddress?: (address: string) => boolean;
  /** The addresses the target resolved to, for matching requests from it. */
  onResolved?: (addresses: string[]) => void;
}

export async function sendToTarget(
  deps: SenderDeps,
  target: ConfiguredTarget,
  /** Throws with a plain reason when the TLS profile cannot be used. */
  tlsPolicy: () => TlsPeerPolicy | undefined,
  build: (flow: Flow) => SipRequest,
): Promise<SendOutcome> {
  const located = await locateServer(
    { host: target.host, ...(target.port !== null ? { port: target.port } : {}), transport: target.transport, secure: false },
    deps.resolver(),
    { random: deps.random, transports: [target.transport] },
  ); // prettier-ignore
  if (!located.ok) return { kind: 'transport', reason: `${target.host}: ${located.error.message}` };
  deps.onResolved?.(located.destinations.map((d) => d.address));
  const allowed = located.destinations.filter((d) => deps.allowAddress?.(d.address) ?? true);
  if (allowed.length === 0)
    return { kind: 'transport', reason: `${target.host}: not sent, this engine may only send to loopback` };
  let policy: TlsPeerPolicy | undefined;
  if (target.transport === 'tls') {
    try {
      policy = tlsPolicy();
    } catch (error) {
      return { kind: 'transport', reason: (error as Error).message };
    }
  }
  let last: SendOutcome = { kind: 'transport', reason: `${target.host}: no address to send to` };
  for (const located of allowed) {
    const destination: Destination = {
      transport: located.transport,
      address: located.address,
      port: located.port,
      // RFC 5922 §4: the certificate must name the domain asked for, not the SRV target.
      ...(located.transport === 'tls'
        ? { serverName: ipFamily(target.host) === undefined ? target.host : located.address }
        : {}),
    };
    last = await sendOnce(deps, destination, policy, build);
    if (last.kind !== 'transport') return last;
  }
  return last;
}

async function sendOnce(
  deps: SenderDeps,
  destination: Destination,
  policy: TlsPeerPolicy | undefined,
  build: (flow: Flow) => SipRequest,
): Promise<SendOutcome> {
  let flow: Flow;
  try {
    flow = await deps.sip.openFlow(destination, policy);
  } catch (error) {
    return { kind: 'transport', reason: (error as Error).message };
  }
  let failure = `sending to ${destination.transport}:${destination.address}:${destination.port} failed`;
  // The transport's own words for a failed send (ICMP unreachable, closed connection) go to the state.
  const watched: Flow = {
    ...flow,
    send: (bytes, onError) =>
      flow.send(bytes, (reason) => {
        failure = reason;
        onError?.(reason);
      }),
  };
  const started = deps.now();
  return new Promise<SendOutcome>((resolve) => {
    let done = false;
    const finish = (outcome: SendOutcome) => {
      if (done) return;
      done = true;
      resolve(outcome);
    };
    try {
      deps.sip.sendOnFlow(build(flow), watched, {
        passToUser: (response) => {
          if (response.status < 200) return;
          finish({
            kind: 'response',
            response,
            rttMs: Math.max(0, deps.now() - started),
            ...(flow.onClose ? { connection: flow } : {}),
          });
        },
        onTimeout: () => finish({ kind: 'timeout' }),
        onTransportError: () => finish({ kind: 'transport', reason: failure }),
      });
    } catch (error) {
      finish({ kind: 'transport', reason: (error as Error).message });
    }
  });
}
