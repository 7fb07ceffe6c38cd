// The transaction layer (RFC 3261 §17): a bounded Map of transactions by key, server transactions
// made for new requests, retransmissions absorbed, responses matched to client transactions, and
// whatever matches nothing (ACK for 2xx, stray responses) handed to the TU.
import type { SipMessage, SipRequest, SipResponse } from '../message.ts';
import { getHeaderValues } from '../headers.ts';
import { parseVia } from '../via.ts';
import { ClientInviteTransaction } from './client-invite.ts';
import { ClientNonInviteTransaction } from './client-non-invite.ts';
import type { TimerHost } from './clock.ts';
import {
  cancelTargetKey,
  clientKeyOfRequest,
  clientKeyOfResponse,
  serverKeyOfRequest,
  serverKeyOfResponse,
} from './keys.ts';
import { ServerInviteTransaction } from './server-invite.ts';
import { ServerNonInviteTransaction } from './server-non-invite.ts';
import { isReliableTransport, timerConfig, type TimerConfig } from './timers.ts';
import type { SendReason, TransactionOptions, TransactionUser } from './types.ts';

export type ClientTransaction = ClientInviteTransaction | ClientNonInviteTransaction;
export type ServerTransaction = ServerInviteTransaction | ServerNonInviteTransaction;

/** The way down: F is whatever the transport needs to reach the peer (address, connection …). */
export interface LayerTransport<F> {
  send(message: SipMessage, flow: F, reason: SendReason): void;
}

/** The way up, for messages no client transaction's own user is waiting for. */
export interface TransactionLayerUser<F> {
  /** A new request, with the server transaction made for it (§17.2). */
  receiveRequest(request: SipRequest, transaction: ServerTransaction, flow: F): void;
  /** An ACK matching no transaction: the ACK for a 2xx, which the dialog layer takes (§13.3.1.4). */
  receiveAck(ack: SipRequest, flow: F): void;
  /** A response matching no client transaction, e.g. a retransmitted 2xx (§17.1.1.2, §13.2.2.4). */
  receiveStrayResponse(response: SipResponse, flow: F): void;
  /** Timer H expired or the transport failed for a server transaction (§17.2.1, §17.2.4). */
  serverTransactionFailed(transaction: ServerTransaction, reason: 'timeout' | 'transport-error'): void;
}

/** What the sender of a request supplies; send and cleanup are the layer's. */
export type ClientCallbacks = Omit<TransactionUser<SipResponse>, 'send' | 'onTerminated'> & {
  onTerminated?(): void;
};

export type RequestOutcome =
  | { kind: 'new' | 'retransmission'; transaction: ServerTransaction }
  | { kind: 'ack-to-user' }
  /** Over the limit: answer 503 statelessly (RFC 3261 §21.5.4) or drop. */
  | { kind: 'refused' | 'invalid' | 'unsupported'; error: string };

export type ResponseOutcome =
  | { kind: 'matched'; transaction: ClientTransaction }
  | { kind: 'stray' }
  | { kind: 'invalid'; error: string };

export class TransactionLimitError extends Error {
  constructor(limit: number) {
    super(`[sip/transaction] ${limit} transactions are open, the configured maximum; refusing a new one`);
    this.name = 'TransactionLimitError';
  }
}

export interface TransactionLayerOptions<F> {
  timers: TimerHost;
  transport: LayerTransport<F>;
  user: TransactionLayerUser<F>;
  config?: Partial<TimerConfig>;
  /** Open transactions allowed at once; new ones beyond it are refused. */
  maxTransactions?: number;
  /** See ServerInviteOptions.sendTrying. */
  sendTrying?: boolean;
}

export const DEFAULT_MAX_TRANSACTIONS = 50_000;

export class TransactionLayer<F> {
  private readonly transactions = new Map<string, ClientTransaction | ServerTransaction>();
  private readonly options: TransactionLayerOptions<F>;
  private readonly config: TimerConfig;
  private readonly max: number;

  constructor(options: TransactionLayerOptions<F>) {
    this.options = options;
    this.config = timerConfig(options.config);
    this.max = options.maxTransactions ?? DEFAULT_MAX_TRANSACTIONS;
    if (!Number.isInteger(this.max) || this.max < 1)
      throw new RangeError('maxTransactions must be a positive integer');
  }

  get size(): number {
    return this.transactions.size;
  }

  /** Starts a client transaction (§17.1); throws TransactionLimitError when full. */
  sendRequest(request: SipRequest, flow: F, callbacks: ClientCallbacks): ClientTransaction {
    if (request.method === 'ACK') throw new Error('an ACK is sent without a transaction (RFC 3261 §17.1)');
    const key = clientKeyOfRequest(request);
    if (!key.ok) throw new Error(`[sip/transaction] cannot send ${request.method}: ${key.error}`);
    if (this.transactions.has(key.key))
      throw new Error(`[sip/transaction] a transaction with branch/method ${key.key} is already open`);
    this.checkLimit();
    const user: TransactionUser<SipResponse> = {
      send: (message, reason) => this.options.transport.send(message, flow, reason),
      passToUser: (response) => callbacks.passToUser(response),
      onTimeout: () => callbacks.onTimeout(),
      onTransportError: () => callbacks.onTransportError(),
      onTerminated: () => {
        this.forget(key.key, transaction);
        callbacks.onTerminated?.();
      },
    };
    const options = this.transactionOptions(request);
    const transaction: ClientTransaction =
      request.method === 'INVITE'
        ? new ClientInviteTransaction(request, user, options)
        : new ClientNonInviteTransaction(request, user, options);
    this.transactions.set(key.key, transaction);
    transaction.start();
    return transaction;
  }

  /** A request from the transport (§17.2.3). */
  receiveRequest(request: SipRequest, flow: F): RequestOutcome {
    const key = serverKeyOfRequest(request);
    if (!key.ok) return { kind: key.kind, error: key.error };
    const existing = this.transactions.get(key.key);
    if (existing instanceof ServerInviteTransaction || existing instanceof ServerNonInviteTransaction) {
      // §17.2.1, §17.2.2: retransmissions and the ACK for a non-2xx go to the existing transaction.
      existing.receiveRequest(request);
      return { kind: 'retransmission', transaction: existing };
    }
    if (request.method === 'ACK') {
      // §17.2.3: an ACK that matches no INVITE transaction acknowledges a 2xx; the TU takes it.
      this.options.user.receiveAck(request, flow);
      return { kind: 'ack-to-user' };
    }
    if (this.transactions.size >= this.max)
      return { kind: 'refused', error: new TransactionLimitError(this.max).message };
    const transaction = this.createServer(key.key, request, flow);
    this.transactions.set(key.key, transaction);
    transaction.start();
    return { kind: 'new', transaction };
  }

  /** A response from the transport (§17.1.3). */
  receiveResponse(response: SipResponse, flow: F): ResponseOutcome {
    const key = clientKeyOfResponse(response);
    if (!key.ok) return { kind: 'invalid', error: key.error };
    const transaction = this.transactions.get(key.key);
    if (transaction instanceof ClientInviteTransaction || transaction instanceof ClientNonInviteTransaction) {
      transaction.receiveResponse(response);
      return { kind: 'matched', transaction };
    }
    // §17.1.1.2: e.g. 2xx retransmissions after the INVITE transaction ended go to the TU (core).
    this.options.user.receiveStrayResponse(response, flow);
    return { kind: 'stray' };
  }

  /** §9.2: the INVITE server transaction a CANCEL refers to, if it is still open. */
  findInviteForCancel(cancel: SipRequest): ServerInviteTransaction | undefined {
    const key = cancelTargetKey(cancel);
    if (!key.ok) return undefined;
    const found = this.transactions.get(key.key);
    return found instanceof ServerInviteTransaction ? found : undefined;
  }

  /** The transport failed to send this message: the transaction that sent it ends (§17.1.4, §17.2.4). */
  transportError(message: SipMessage): void {
    const key = message.type === 'request' ? clientKeyOfRequest(message) : serverKeyOfResponse(message);
    if (key.ok) this.transactions.get(key.key)?.transportError();
  }

  private createServer(key: string, request: SipRequest, flow: F): ServerTransaction {
    const layerUser = this.options.user;
    const user: TransactionUser<SipRequest> = {
      send: (message, reason) => this.options.transport.send(message, flow, reason),
      passToUser: (message) => layerUser.receiveRequest(message, transaction, flow),
      onTimeout: () => layerUser.serverTransactionFailed(transaction, 'timeout'),
      onTransportError: () => layerUser.serverTransactionFailed(transaction, 'transport-error'),
      onTerminated: () => this.forget(key, transaction),
    };
    const options = this.transactionOptions(request);
    const transaction: ServerTransaction =
      request.method === 'INVITE'
        ? new ServerInviteTransaction(request, user, {
            ...options,
            sendTrying: this.options.sendTrying ?? true,
          })
        : new ServerNonInviteTransaction(request, user, options);
    return transaction;
  }

  private transactionOptions(request: SipRequest): TransactionOptions {
    // The top Via names the transport the request travels on (§18.1.1, §18.2.1).
    const via = parseVia(getHeaderValues(request, 'Via')[0] ?? '');
    const transport = via.ok ? via.value.transport : 'UDP';
    return { timers: this.options.timers, config: this.config, reliable: isReliableTransport(transport) };
  }

  private checkLimit(): void {
    if (this.transactions.size >= this.max) throw new TransactionLimitError(this.max);
  }

  private forget(key: string, transaction: ClientTransaction | ServerTransaction): void {
    // Only the transaction that terminated: a newer one under the same key stays.
    if (this.transactions.get(key) === transaction) this.transactions.delete(key);
  }
}
