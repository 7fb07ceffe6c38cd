// The engine's SIP core: messages from the transports go through the transaction layer
// (RFC 3261 §17) to the request handling; requests the engine sends go out through client
// transactions on a flow the transport picks (pooled TCP/TLS connections, RFC 5923 aliases,
// connected UDP sockets that report ICMP errors).
import { decideResponse, type Decision } from '../b2bua/stateless-responder.ts';
import { getHeader } from '../sip/headers.ts';
import type { SipMessage, SipRequest, SipResponse } from '../sip/message.ts';
import { parseMessage } from '../sip/parser.ts';
import { serializeMessage } from '../sip/serializer.ts';
import { getParam } from '../sip/text.ts';
import type { TimerHost } from '../sip/transaction/clock.ts';
import {
  TransactionLayer,
  type ClientCallbacks,
  type ClientTransaction,
  type ServerTransaction,
} from '../sip/transaction/transaction-layer.ts';
import { createResponse } from '../sip/response.ts';
import { setTopViaSentBy, stampTopVia } from '../sip/via-stamp.ts';
import { parseVia } from '../sip/via.ts';
import type { ConnectionPool } from '../transport/connection-pool.ts';
import type { Destination, Flow } from '../transport/flow.ts';
import { openStreamFlow, openUdpFlow, type OutboundOptions } from '../transport/outbound.ts';
import type { TlsPeerPolicy } from '../transport/tls-policy.ts';
import type { Inbound } from '../transport/types.ts';
import type { PeerAddress } from '../sip/via-stamp.ts';

/**
 * Who may have an answer to an OPTIONS, and which (the connections' responder): gets the stateless
 * responder's answer and returns the one to send, or a drop.
 */
export type OptionsPolicy = (request: SipRequest, source: PeerAddress, base: Decision) => Decision;

/** The calls layer (B2BUA): takes the requests and ACKs it knows; the rest gets the stateless answers. */
export interface CallHandler {
  /** True when the handler took the request (and its server transaction). */
  receiveRequest(request: SipRequest, transaction: ServerTransaction, flow: Flow): boolean;
  /** An ACK for a 2xx (it matched no transaction). */
  receiveAck(ack: SipRequest, flow: Flow): void;
  /** A response no client transaction wants (a retransmitted 2xx); true when the handler knew it. */
  receiveStrayResponse(response: SipResponse, flow: Flow): boolean;
}

/** Sees every message the core sends or receives (parsed), e.g. for SIP traces. */
export type MessageObserver = (dir: 'in' | 'out', message: SipMessage, flow: Flow) => void;

/** What the stateless answers (OPTIONS 200, 405) advertise. */
export interface Capabilities {
  allow: string[];
  supported: string[];
}

export interface SipCoreOptions {
  timers: TimerHost;
  pool: ConnectionPool;
  log: (line: string) => void;
  server: string;
  newTag: () => string;
  outbound: Omit<OutboundOptions, 'pool' | 'onMessage' | 'log'>;
}

export class SipCore {
  readonly transactions: TransactionLayer<Flow>;
  private readonly options: SipCoreOptions;
  private optionsPolicy: OptionsPolicy | undefined;
  private callHandler: CallHandler | undefined;
  private observer: MessageObserver | undefined;
  private capabilities: Capabilities | undefined;

  constructor(options: SipCoreOptions) {
    this.options = options;
    const log = options.log;
    this.transactions = new TransactionLayer<Flow>({
      timers: options.timers,
      transport: {
        send: (message, flow) => {
          const bytes = serializeMessage(message, { setContentLength: flow.transport !== 'udp' });
          this.observer?.('out', message, flow);
          flow.send(bytes, (reason) => {
            log(
              `[sip/${flow.transport}] sending to ${flow.remote.address}:${flow.remote.port} failed: ${reason}`,
            );
            this.transactions.transportError(message);
          });
        },
      },
      user: {
        receiveRequest: (request, transaction, flow) => {
          if (this.callHandler?.receiveRequest(request, transaction, flow)) return;
          const decision = decideResponse(request, this.responderContext());
          if (decision.action === 'reply') transaction.sendResponse(decision.response);
        },
        receiveAck: (ack, flow) => {
          // ACKs for 2xx belong to dialogs: the calls layer's.
          this.callHandler?.receiveAck(ack, flow);
        },
        receiveStrayResponse: (response, flow) => {
          if (this.callHandler?.receiveStrayResponse(response, flow)) return;
          log(
            `[sip/${flow.transport}] a ${response.status} from ${flow.remote.address} matches no transaction`,
          );
        },
        serverTransactionFailed: (transaction, reason) =>
          log(`[sip] ${transaction.request.method} transaction ended: ${reason}`),
      },
    });
  }

  /** Everything the transports receive comes here. */
  handleInbound(inbound: Inbound): void {
    const parsed = parseMessage(inbound.bytes, {
      transport: inbound.transport === 'udp' ? 'datagram' : 'stream',
    });
    if (!parsed.ok) {
      this.options.log(
        `[sip/${inbound.transport}] dropped ${inbound.bytes.length} bytes from ${inbound.source.address}:${inbound.source.port}: line ${parsed.error.line}: ${parsed.error.reason}`,
      );
      return;
    }
    const message = parsed.message;
    if (message.type === 'response') {
      this.observer?.('in', message, inbound.flow);
      this.transactions.receiveResponse(message, inbound.flow);
      return;
    }
    const request = stampTopVia(message, inbound.source);
    this.rememberAlias(request, inbound);
    if (request.method === 'OPTIONS' && !/;\s*tag=/i.test(getHeader(request, 'To') ?? '')) {
      // Keepalives arrive by the thousand: answered without transaction state (RFC 3261 §8.2.7),
      // as kamailio's sl_send_reply does; a retransmission simply gets the same answer again.
      const base = decideResponse(request, this.responderContext());
      const decision = this.optionsPolicy ? this.optionsPolicy(request, inbound.source, base) : base;
      if (decision.action === 'reply') this.send(decision.response, inbound.flow);
      return;
    }
    this.observer?.('in', request, inbound.flow);
    const outcome = this.transactions.receiveRequest(request, inbound.flow);
    if (outcome.kind === 'refused') {
      this.send(
        createResponse(request, 503, 'Service Unavailable', {
          toTag: this.options.newTag(),
          headers: [{ name: 'Retry-After', value: '5' }],
        }),
        inbound.flow,
      );
    } else if (outcome.kind === 'unsupported' || outcome.kind === 'invalid') {
      // RFC 2543 peers (no magic cookie) and requests the layer cannot key are answered statelessly.
      this.answerStatelessly(request, inbound.flow);
    }
  }

  /** The connections' answer to OPTIONS; without one every well-formed OPTIONS gets 200. */
  setOptionsPolicy(policy: OptionsPolicy | undefined): void {
    this.optionsPolicy = policy;
  }

  /** The B2BUA; without one, INVITEs get 405 and in-dialog requests 481. */
  setCallHandler(handler: CallHandler | undefined): void {
    this.callHandler = handler;
  }

  setObserver(observer: MessageObserver | undefined): void {
    this.observer = observer;
  }

  /** What OPTIONS answers list in Allow and Supported (the stateless responder's own lists without). */
  setCapabilities(capabilities: Capabilities | undefined): void {
    this.capabilities = capabilities;
  }

  /**
   * Sends a message without a transaction (the ACK for a 2xx, a retransmitted 2xx, RFC 3261 §13.3.1.4
   * and §17.1.1.3); a request gets the flow's transport and local end in its top Via.
   */
  sendMessage(message: SipMessage, flow: Flow, onError?: (reason: string) => void): void {
    const stamped =
      message.type === 'request'
        ? setTopViaSentBy(message, flow.transport, flow.local.address, flow.local.port)
        : message;
    this.observer?.('out', stamped, flow);
    flow.send(serializeMessage(stamped, { setContentLength: flow.transport !== 'udp' }), onError);
  }

  /** Opens (or reuses) a flow to the destination and starts a client transaction on it. */
  async sendRequest(
    request: SipRequest,
    destination: Destination,
    callbacks: ClientCallbacks,
  ): Promise<ClientTransaction> {
    return this.sendOnFlow(request, await this.openFlow(destination), callbacks);
  }

  /**
   * A flow to the destination: a new connected UDP socket, or the pooled TCP/TLS connection (opened
   * with `tlsPolicy` when there is none yet; the engine's default policy without it).
   */
  openFlow(destination: Destination, tlsPolicy?: TlsPeerPolicy): Promise<Flow> {
    const outbound: OutboundOptions = {
      ...this.options.outbound,
      ...(tlsPolicy ? { tlsPolicy: () => tlsPolicy } : {}),
      pool: this.options.pool,
      onMessage: (m) => this.handleInbound(m),
      log: this.options.log,
    };
    return destination.transport === 'udp'
      ? openUdpFlow(destination, outbound)
      : openStreamFlow(destination, outbound);
  }

  /** Starts a client transaction on a flow; the top Via gets the flow's transport and local end. */
  sendOnFlow(request: SipRequest, flow: Flow, callbacks: ClientCallbacks): ClientTransaction {
    const stamped = setTopViaSentBy(request, flow.transport, flow.local.address, flow.local.port);
    return this.transactions.sendRequest(stamped, flow, callbacks);
  }

  private answerStatelessly(request: SipRequest, flow: Flow): void {
    const decision = decideResponse(request, this.responderContext());
    if (decision.action === 'reply') this.send(decision.response, flow);
  }

  private responderContext() {
    return { newTag: this.options.newTag, server: this.options.server, ...this.capabilities };
  }

  private send(message: SipMessage, flow: Flow): void {
    this.observer?.('out', message, flow);
    flow.send(serializeMessage(message, { setContentLength: flow.transport !== 'udp' }));
  }

  /**
   * RFC 5923 §6: a request whose top Via carries "alias" offers its connection for our requests.
   * Over TLS the alias may only be trusted when the peer's certificate names the Via host (§7);
   * until certificates are configured per peer, only TCP aliases are taken.
   */
  private rememberAlias(request: SipRequest, inbound: Inbound): void {
    if (inbound.transport !== 'tcp' || !inbound.flow.onClose) return;
    const top = getHeader(request, 'Via');
    const via = top ? parseVia(top.split(',')[0]!) : undefined;
    if (!via?.ok || getParam(via.value.params, 'alias') === undefined) return;
    const port = via.value.port ?? 5060;
    if (this.options.pool.get(inbound.transport, via.value.host, port) === inbound.flow) return;
    inbound.flow.onClose(this.options.pool.add(inbound.transport, via.value.host, port, inbound.flow));
  }
}
