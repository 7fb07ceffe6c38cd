// The calls layer of the engine: new INVITEs are checked (source connection, rate, call limit),
// routed (the config's route table, compiled once per applied config) and handed to a Call; the
// requests, ACKs and stray 2xx of running calls are found by Call-ID. It keeps the registry the
// management API lists, the per-connection counters, and reports calls (and, with
// logging.sipTrace, every SIP message of a call) to syslog.
import { compileRouteTable, evaluate, type CompiledRouteTable } from '../config/routing/route-table.ts';
import type { Config } from '../config/schema/index.ts';
import type { Connection } from '../config/schema/connections.ts';
import type { FailoverGroup } from '../config/schema/failover-groups.ts';
import { getHeader } from '../sip/headers.ts';
import type { SipMessage, SipRequest, SipResponse } from '../sip/message.ts';
import { createResponse } from '../sip/response.ts';
import { serializeMessage } from '../sip/serializer.ts';
import type { TimerHost } from '../sip/transaction/clock.ts';
import { cancelTargetKey, serverKeyOfRequest } from '../sip/transaction/keys.ts';
import { checkRequest } from '../sip/validate.ts';
import type { PeerAddress } from '../sip/via-stamp.ts';
import {
  callAnswerEvent,
  callEndEvent,
  callStartEvent,
  sipTraceEvent,
  type CallContext,
  type SyslogEvent,
} from '../syslog/events.ts';
import type { Flow } from '../transport/flow.ts';
import { Call, type CallSnapshot } from './call.ts';
import { CallCounters, ratios, type ConnectionCallCounters } from './call-counters.ts';
import type { CallNetwork, CallObserver, CallPolicy, LegSide, SipTransportName } from './call-ports.ts';
import { planAttempts, type Attempt, type AttemptEnd } from './failover.ts';
import { hostText, PASSED_OPTION_TAGS, userOf } from './header-rules.ts';
import { DEFAULT_INVITE_RATE, SourceRateLimiter, type RateLimitOptions } from './rate-limit.ts';

/** The methods the engine takes once calls run (Allow). REFER is left out until it is handled. */
export const CALL_METHODS = [
  'INVITE',
  'ACK',
  'BYE',
  'CANCEL',
  'OPTIONS',
  'PRACK',
  'UPDATE',
  'INFO',
  'NOTIFY',
];
export const CALL_OPTION_TAGS = PASSED_OPTION_TAGS;
/** How long a finished call's Call-IDs are still known: late 2xx get ACK+BYE, traces stay linked. */
const LINGER_MS = 32_000;
/** Initial INVITEs remembered for tracing before their call exists (the 100 Trying goes first). */
const MAX_PENDING_TRACES = 1000;

export interface B2buaDeps {
  network: CallNetwork;
  timers: TimerHost;
  newToken: () => string;
  /** The connection a source address belongs to. */
  matchSource(address: string): string | undefined;
  log: (line: string) => void;
  syslog?: (event: SyslogEvent) => void;
  rate?: RateLimitOptions;
}

interface LegRecord {
  call: Call;
  side: LegSide;
}

interface Applied {
  config: Config;
  table: CompiledRouteTable | undefined;
  connections: Map<string, Connection>;
  groups: Map<string, FailoverGroup>;
  policy: CallPolicy;
}

export interface CallCountersView {
  id: string;
  name: string;
  concurrent: number;
  limit: number | null;
  inbound: ConnectionCallCounters['inbound'] & { asr: number | null; ner: number | null };
  outbound: ConnectionCallCounters['outbound'] & { asr: number | null; ner: number | null };
}

function isWildcard(address: string): boolean {
  return address === '0.0.0.0' || address === '::';
}

export function policyFor(config: Config): CallPolicy {
  const listeners: Partial<Record<SipTransportName, { address: string; port: number }>> = {};
  for (const listener of config.voip.listeners)
    listeners[listener.transport] ??= { address: listener.address, port: listener.port };
  const localHost = (transport: SipTransportName, local?: PeerAddress) => {
    const listener = listeners[transport];
    if (listener && !isWildcard(listener.address)) return listener.address;
    return local?.address ?? listener?.address ?? '127.0.0.1';
  };
  return {
    fqdn: config.system.fqdn,
    userAgent: config.voip.userAgent,
    xMsSbc: config.voip.xMsSbc,
    codecs: config.media.codecs,
    allow: CALL_METHODS,
    localHost,
    contact(connection, transport, local, user) {
      // providers.md: Teams wants <sip:user@SBC-FQDN:port;transport=tls>, the port being the listener's.
      const host =
        connection.headers.fqdnInContact && config.system.fqdn
          ? config.system.fqdn
          : localHost(transport, local);
      const port = listeners[transport]?.port ?? local.port;
      const param = transport === 'udp' ? '' : `;transport=${transport}`;
      const userPart = user ? `${user.replace(/[^A-Za-z0-9\-_.!~*'()&=+$,;?/]/g, '')}@` : '';
      return `<sip:${userPart}${hostText(host)}:${port}${param}>`;
    },
  };
}

function peerText(flow: Flow | { transport: string; remote: PeerAddress }): string {
  const host = flow.remote.address.includes(':') ? `[${flow.remote.address}]` : flow.remote.address;
  return `${flow.transport}:${host}:${flow.remote.port}`;
}

function hasToTag(message: SipMessage): boolean {
  return /;\s*tag=/i.test(getHeader(message, 'To') ?? '');
}

export class B2bua {
  private readonly deps: B2buaDeps;
  private applied: Applied | undefined;
  private readonly calls = new Map<string, Call>();
  private readonly legs = new Map<string, LegRecord>();
  private readonly aInviteKeys = new Map<Call, string>();
  private readonly held = new Map<Call, string[]>();
  private readonly occupancy = new Map<string, number>();
  private readonly pendingTraces = new Set<string>();
  private readonly counters = new CallCounters();
  private readonly limiter: SourceRateLimiter;
  private nextId = 1;

  constructor(deps: B2buaDeps) {
    this.deps = deps;
    this.limiter = new SourceRateLimiter(deps.rate ?? DEFAULT_INVITE_RATE);
  }

  /** Follows an applied config: routes compiled once, connections and groups by id. */
  apply(config: Config): void {
    const compiled = compileRouteTable(config.routes);
    if (!compiled.ok)
      this.deps.log(`[b2bua] the routes do not compile (${compiled.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}); new calls are refused`); // prettier-ignore
    this.applied = {
      config,
      table: compiled.ok ? compiled.table : undefined,
      connections: new Map(config.connections.map((c) => [c.id, c])),
      groups: new Map(config.failoverGroups.map((g) => [g.id, g])),
      policy: policyFor(config),
    };
    this.counters.keepOnly(new Set(config.connections.map((c) => c.id)));
  }

  /** Calls in progress on a connection, both directions (the OPTIONS responder's 503 uses it). */
  activeCalls(connectionId: string): number {
    return this.occupancy.get(connectionId) ?? 0;
  }

  list(): CallSnapshot[] {
    return [...this.calls.values()].map((call) => call.snapshot());
  }

  /** Ends a call from outside; false when there is no such call. */
  teardown(id: string): boolean {
    const call = this.calls.get(id);
    if (!call) return false;
    call.teardown();
    return true;
  }

  countersView(): CallCountersView[] {
    const connections = this.applied?.config.connections ?? [];
    return connections.map((connection) => {
      const counters = this.counters.of(connection.id);
      return {
        id: connection.id,
        name: connection.name,
        concurrent: this.activeCalls(connection.id),
        limit: connection.maxConcurrentCalls,
        inbound: { ...structuredClone(counters.inbound), ...ratios(counters.inbound) },
        outbound: { ...structuredClone(counters.outbound), ...ratios(counters.outbound) },
      };
    });
  }

  // ---- SipCore's CallHandler ----

  receiveRequest(request: SipRequest, transaction: ServerSideTx, flow: Flow): boolean {
    if (!this.applied) return false;
    if (request.method === 'CANCEL') return this.receiveCancel(request, transaction);
    if (hasToTag(request)) {
      const record = this.legs.get(getHeader(request, 'Call-ID') ?? '');
      if (
        record &&
        this.calls.has(record.call.id) &&
        record.call.receiveInDialog(record.side, request, transaction)
      )
        return true;
      // RFC 3261 §12.2.2: a request for a dialog we do not have.
      transaction.sendResponse(createResponse(request, 481, 'Call/Transaction Does Not Exist'));
      return true;
    }
    if (request.method !== 'INVITE') return false;
    this.newCall(request, transaction, flow);
    return true;
  }

  receiveAck(ack: SipRequest): void {
    const record = this.legs.get(getHeader(ack, 'Call-ID') ?? '');
    if (record) record.call.receiveAck(record.side, ack);
  }

  receiveStrayResponse(response: SipResponse): boolean {
    const callId = getHeader(response, 'Call-ID') ?? '';
    const record = this.legs.get(callId);
    if (!record) return false;
    record.call.receiveStrayResponse(callId, response);
    return true;
  }

  /** SipCore's observer: with logging.sipTrace, every message of a call goes to syslog. */
  observe(dir: 'in' | 'out', message: SipMessage, flow: Flow): void {
    if (!this.applied?.config.logging.sipTrace || !this.deps.syslog) return;
    const callId = getHeader(message, 'Call-ID') ?? '';
    const record = this.legs.get(callId);
    let leg: LegSide | undefined = record?.side;
    if (
      !leg &&
      message.type === 'request' &&
      message.method === 'INVITE' &&
      !hasToTag(message) &&
      dir === 'in'
    ) {
      if (this.pendingTraces.size >= MAX_PENDING_TRACES)
        this.pendingTraces.delete(this.pendingTraces.values().next().value!);
      this.pendingTraces.add(callId);
    }
    if (!leg && this.pendingTraces.has(callId)) leg = 'a';
    if (!leg) return;
    const cseq = getHeader(message, 'CSeq');
    this.deps.syslog(
      sipTraceEvent({
        call: { callId, leg, dir, peer: peerText(flow) },
        ...(leg === 'b' && record ? { linkedCallId: record.call.aCallId } : {}),
        ...(message.type === 'request' ? { method: message.method } : { status: message.status }),
        ...(cseq ? { cseq } : {}),
        text: serializeMessage(message, { setContentLength: flow.transport !== 'udp' }).toString('utf8'),
      }),
    );
  }

  // ---- new calls ----

  private receiveCancel(cancel: SipRequest, transaction: ServerSideTx): boolean {
    const record = this.legs.get(getHeader(cancel, 'Call-ID') ?? '');
    const key = cancelTargetKey(cancel);
    if (!record || record.side !== 'a' || !key.ok || this.aInviteKeys.get(record.call) !== key.key) {
      // §9.2: a CANCEL that matches no INVITE transaction gets 481.
      transaction.sendResponse(createResponse(cancel, 481, 'Call/Transaction Does Not Exist'));
      return true;
    }
    transaction.sendResponse(createResponse(cancel, 200, 'OK'));
    record.call.cancelByCaller();
    return true;
  }

  private refuse(
    request: SipRequest,
    transaction: ServerSideTx,
    status: number,
    reason: string,
    why: string,
    headers: { name: string; value: string }[] = [],
  ): void {
    const host = this.applied?.policy.fqdn ?? 'sbc';
    transaction.sendResponse(
      createResponse(request, status, reason, {
        toTag: this.deps.newToken(),
        headers: [
          { name: 'Server', value: this.applied?.policy.userAgent ?? 'sbc-engine' },
          { name: 'Warning', value: `399 ${hostText(host)} "${why.replace(/["\\]/g, "'")}"` },
          ...headers,
        ],
      }),
    );
  }

  private newCall(request: SipRequest, transaction: ServerSideTx, flow: Flow): void {
    const applied = this.applied!;
    const verdict = checkRequest(request, { supported: CALL_OPTION_TAGS, forwarding: true });
    if (verdict) {
      const extra = verdict.unsupported
        ? [{ name: 'Unsupported', value: verdict.unsupported.join(', ') }]
        : [];
      this.refuse(request, transaction, verdict.status, verdict.reason, verdict.reason, extra);
      return;
    }
    const source = flow.remote.address;
    const connectionId = this.deps.matchSource(source);
    const connection = connectionId === undefined ? undefined : applied.connections.get(connectionId);
    if (!connection) {
      this.refuse(request, transaction, 403, 'Forbidden', 'the source belongs to no connection');
      return;
    }
    const callId = getHeader(request, 'Call-ID') ?? '';
    if (this.legs.has(callId)) {
      this.refuse(request, transaction, 482, 'Loop Detected', 'this Call-ID is already a call of this SBC');
      return;
    }
    if (!this.limiter.take(source, this.deps.timers.now())) {
      this.refuse(request, transaction, 503, 'Service Unavailable', `too many new calls from ${source}`, [
        { name: 'Retry-After', value: '5' },
      ]);
      return;
    }
    const limit = connection.maxConcurrentCalls;
    if (limit !== null && this.activeCalls(connection.id) >= limit) {
      this.counters.attempt(connection.id, 'inbound');
      this.counters.failed(connection.id, 'inbound', '503');
      this.refuse(request, transaction, 503, 'Service Unavailable', `connection "${connection.name}" is at its limit of ${limit} calls`, [{ name: 'Retry-After', value: '60' }]); // prettier-ignore
      return;
    }
    const called = userOf(request.uri) || userOf(getHeader(request, 'To') ?? '');
    const calling = userOf(getHeader(request, 'From') ?? '');
    if (!applied.table) {
      this.refuse(
        request,
        transaction,
        500,
        'Server Internal Error',
        'the routes of the configuration do not compile',
      );
      return;
    }
    const route = evaluate(applied.table, { source: connection.id, called, calling });
    const attempts = route.target ? planAttempts(route.target, applied.connections, applied.groups) : [];
    this.counters.attempt(connection.id, 'inbound');
    if (!route.target || attempts.length === 0) {
      this.counters.failed(connection.id, 'inbound', '404');
      this.refuse(request, transaction, 404, 'Not Found', route.noRoute ?? 'the route names no connection');
      return;
    }
    const call = new Call(
      {
        id: `c${this.nextId++}`,
        aConnection: connection,
        aHop: { transport: flow.transport, remote: flow.remote, flow },
        server: transaction,
        attempts,
        called: route.called,
        calling: route.calling,
        precheck: (attempt) => this.precheck(attempt),
      },
      {
        network: this.deps.network,
        timers: this.deps.timers,
        newToken: this.deps.newToken,
        policy: applied.policy,
        observer: this.observer(connection),
        log: this.deps.log,
      },
    );
    this.calls.set(call.id, call);
    this.legs.set(callId, { call, side: 'a' });
    this.pendingTraces.delete(callId);
    const key = serverKeyOfRequest(request);
    if (key.ok) this.aInviteKeys.set(call, key.key);
    this.recount(call);
    this.report(
      callStartEvent({
        call: { callId, leg: 'a', dir: 'in', peer: peerText(flow) },
        callRef: call.id,
        connection: connection.id,
        from: calling,
        to: called,
        text: `call ${call.id} from ${calling} to ${called} on connection "${connection.name}"`,
      }),
    );
    call.start();
  }

  private precheck(attempt: Attempt): { status: number; warning: string } | undefined {
    const limit = attempt.connection.maxConcurrentCalls;
    if (limit !== null && this.activeCalls(attempt.connection.id) >= limit)
      return {
        status: 503,
        warning: `connection "${attempt.connection.name}" is at its limit of ${limit} calls`,
      };
    return undefined;
  }

  private observer(aConnection: Connection): CallObserver {
    return {
      legStarting: (view, callId) => this.legs.set(callId, { call: view as Call, side: 'b' }),
      attemptSent: (view, attempt, callId, hop) => {
        const call = view as Call;
        this.counters.attempt(attempt.connection.id, 'outbound');
        this.recount(call);
        const snapshot = call.snapshot();
        this.report(
          callStartEvent({
            call: { callId, leg: 'b', dir: 'out', peer: peerText(hop) },
            callRef: call.id,
            connection: attempt.connection.id,
            from: snapshot.calling,
            to: snapshot.called,
            linkedCallId: call.aCallId,
            target: snapshot.b?.target,
            text: `call ${call.id} to ${snapshot.called} via connection "${attempt.connection.name}"`,
          }),
        );
      },
      attemptEnded: (view, attempt, end) => {
        if (end.kind === 'answered') this.counters.answered(attempt.connection.id, 'outbound');
        else {
          this.counters.failed(attempt.connection.id, 'outbound', outcomeOf(end));
          this.recount(view as Call);
        }
      },
      answered: (view, status) => {
        const call = view as Call;
        this.counters.answered(aConnection.id, 'inbound');
        const snapshot = call.snapshot();
        this.report(
          callAnswerEvent({
            call: { callId: call.aCallId, leg: 'a', dir: 'out', peer: snapshot.a.peer },
            callRef: call.id,
            code: status,
            connection: snapshot.b?.connection ?? '',
            linkedCallId: snapshot.b?.callId ?? '',
            text: `call ${call.id} answered (${status}) by connection "${snapshot.b?.connection ?? ''}"`,
          }),
        );
      },
      ended: (view, cause, status) => {
        const call = view as Call;
        const snapshot = call.snapshot();
        if (snapshot.answeredAt === null) this.counters.failed(aConnection.id, 'inbound', String(status));
        this.calls.delete(call.id);
        this.aInviteKeys.delete(call);
        this.recount(call);
        const durationMs = snapshot.answeredAt === null ? 0 : this.deps.timers.now() - snapshot.answeredAt;
        const context: CallContext = { callId: call.aCallId, leg: 'a', peer: snapshot.a.peer };
        this.report(
          callEndEvent({
            call: context,
            callRef: call.id,
            code: status,
            cause,
            durationMs,
            text: `call ${call.id} ended: ${cause} (${status}) after ${Math.round(durationMs / 1000)} s`,
          }),
        );
        // Late 2xx of abandoned attempts still find the call for ACK+BYE, for a while.
        this.deps.timers.start('call-linger', LINGER_MS, () => {
          for (const [id, record] of this.legs) if (record.call === call) this.legs.delete(id);
        });
      },
    };
  }

  /** Brings the per-connection occupancy in line with what the call holds now. */
  private recount(call: Call): void {
    const before = this.held.get(call) ?? [];
    const now = call.callState === 'ended' ? [] : call.connections();
    for (const id of before) this.occupancy.set(id, (this.occupancy.get(id) ?? 1) - 1);
    for (const id of now) this.occupancy.set(id, (this.occupancy.get(id) ?? 0) + 1);
    if (now.length) this.held.set(call, now);
    else this.held.delete(call);
  }

  private report(event: SyslogEvent): void {
    this.deps.syslog?.(event);
  }
}

/** A server transaction as the B2BUA uses it. */
export interface ServerSideTx {
  readonly request: SipRequest;
  sendResponse(response: SipResponse): void;
}

function outcomeOf(end: AttemptEnd): string {
  switch (end.kind) {
    case 'final':
    case 'skipped':
      return String(end.status);
    default:
      return end.kind;
  }
}
