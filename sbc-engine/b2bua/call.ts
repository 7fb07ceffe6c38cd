// One call through the B2BUA: the a leg (the caller's INVITE, answered by us as UAS) and the b leg
// (our INVITE toward the routed target, tried attempt after attempt until one takes the call).
// Provisional and final responses go back to the caller, each leg has its own dialog, Call-ID,
// tags, Contact and CSeq; ACK for a 2xx is end to end (the b leg's ACK leaves when the caller's
// arrives); BYE, CANCEL, re-INVITE, UPDATE, PRACK, INFO and NOTIFY cross from leg to leg.
// No sockets, no clock of its own: CallEnv brings them.
import type { Connection } from '../config/schema/connections.ts';
import { createUacDialog, createUasDialog } from '../sip/dialog/create.ts';
import { dialogIdOfRequest, dialogKey, tagOf } from '../sip/dialog/dialog-id.ts';
import type { Dialog } from '../sip/dialog/dialog.ts';
import { getHeader } from '../sip/headers.ts';
import type { SipHeader, SipRequest, SipResponse } from '../sip/message.ts';
import { createResponse } from '../sip/response.ts';
import type { TimerHandle } from '../sip/transaction/clock.ts';
import { buildCancel, cseqNumber, freshVia } from './cancel-request.ts';
import type { CallEnv, CallView, EndCause, LegSide, NextHop, ServerSide } from './call-ports.ts';
import { finalStatusOf, shouldFailover, type Attempt, type AttemptEnd } from './failover.ts';
import { userOf } from './header-rules.ts';
import { buildOutboundInvite } from './outbound-invite.ts';
import { bodyOf, requestFieldsToRelay, responseFieldsToRelay } from './relay.ts';
import { checkOffer, rewriteSdpBody, sdpOf, type LegMedia } from './sdp-policy.ts';

export type CallState = 'trying' | 'early' | 'answered' | 'confirmed' | 'ended';

// RFC 3261 §17.1.1.1 defaults: the 2xx a UAS sends over UDP is repeated at T1 doubling to T2
// until the ACK comes, for at most 64*T1 (§13.3.1.4).
const T1 = 500;
const T2 = 4000;
const ACK_WAIT_MS = 64 * T1;

export interface CallSetup {
  id: string;
  aConnection: Connection;
  aHop: NextHop;
  /** The caller's INVITE server transaction. */
  server: ServerSide;
  attempts: Attempt[];
  /** Numbers after route translation. */
  called: string;
  calling: string;
  /** Why an attempt may not be sent at all (the connection is at its call limit); undefined: send it. */
  precheck(attempt: Attempt): { status: number; warning: string } | undefined;
}

interface Run {
  attempt: Attempt;
  callId: string;
  fromTag: string;
  invite: SipRequest | undefined;
  hop: NextHop | undefined;
  /** Any provisional came back: a CANCEL may go (§9.1). */
  provisional: boolean;
  /** A provisional other than 100 came back: no failover from here on. */
  committed: boolean;
  /** Given up (failover timer, CANCEL from the caller): late answers get CANCEL or ACK+BYE. */
  abandoned: boolean;
  cancelSent: boolean;
  timer: TimerHandle | undefined;
  dialog: Dialog | undefined;
}

interface Leg {
  side: LegSide;
  connection: Connection;
  hop: NextHop;
  dialog: Dialog | undefined;
  /** CSeq number of the INVITE that made the dialog (ACK, RAck). */
  inviteSeq: number;
}

interface AckWait {
  /** The leg whose INVITE we answered with 2xx and whose ACK we wait for. */
  from: LegSide;
  seq: number;
  response: SipResponse;
  /** The INVITE's CSeq number on the other leg, for the ACK we send there. */
  otherSeq: number;
  interval: number;
  resend: TimerHandle | undefined;
  guard: TimerHandle;
}

export interface CallSnapshot {
  id: string;
  state: CallState;
  startedAt: number;
  answeredAt: number | null;
  called: string;
  calling: string;
  a: { connection: string; callId: string; peer: string };
  b: { connection: string; callId: string; peer: string; target: string } | null;
  /** Attempts made so far (failover). */
  attempts: number;
}

function peerOf(hop: NextHop): string {
  const host = hop.remote.address.includes(':') ? `[${hop.remote.address}]` : hop.remote.address;
  return `${hop.transport}:${host}:${hop.remote.port}`;
}

function warningHeader(host: string, text: string): SipHeader {
  return { name: 'Warning', value: `399 ${host} "${text.replace(/["\\]/g, "'")}"` };
}

export class Call implements CallView {
  readonly id: string;
  readonly startedAt: number;
  private readonly env: CallEnv;
  private readonly setup: CallSetup;
  private readonly aInvite: SipRequest;
  private readonly aTag: string;
  private readonly a: Leg;
  private b: Leg | undefined;
  private current: Run | undefined;
  private readonly runs: Run[] = [];
  private next = 0;
  private lastEnd: AttemptEnd | undefined;
  private lastFailure: SipResponse | undefined;
  private state: CallState = 'trying';
  private answeredAt: number | null = null;
  private ackWait: AckWait | undefined;
  /** Our last ACK on each leg, by the INVITE's CSeq, sent again for a repeated 2xx. */
  private readonly lastAck = new Map<LegSide, { seq: number; ack: SipRequest }>();
  private reinvitePending = false;

  constructor(setup: CallSetup, env: CallEnv) {
    this.id = setup.id;
    this.env = env;
    this.setup = setup;
    this.aInvite = setup.server.request;
    this.aTag = env.newToken();
    this.startedAt = env.timers.now();
    this.a = {
      side: 'a',
      connection: setup.aConnection,
      hop: setup.aHop,
      dialog: undefined,
      inviteSeq: cseqNumber(this.aInvite),
    };
  }

  get callState(): CallState {
    return this.state;
  }

  get aCallId(): string {
    return getHeader(this.aInvite, 'Call-ID') ?? '';
  }

  /** Connections the call occupies now (the call limits count them). */
  connections(): string[] {
    const ids = [this.a.connection.id];
    const b = this.b?.connection.id ?? this.current?.attempt.connection.id;
    if (b !== undefined && b !== this.a.connection.id) ids.push(b);
    return ids;
  }

  snapshot(): CallSnapshot {
    const run = this.current;
    return {
      id: this.id,
      state: this.state,
      startedAt: this.startedAt,
      answeredAt: this.answeredAt,
      called: this.setup.called,
      calling: this.setup.calling,
      a: { connection: this.a.connection.id, callId: this.aCallId, peer: peerOf(this.a.hop) },
      b:
        run && run.hop
          ? {
              connection: run.attempt.connection.id,
              callId: run.callId,
              peer: peerOf(run.hop),
              target: `${run.attempt.target.transport}:${run.attempt.target.host}${run.attempt.target.port === null ? '' : `:${run.attempt.target.port}`}`,
            }
          : null,
      attempts: this.runs.length,
    };
  }

  /** Tries the first attempt. */
  start(): void {
    this.tryNext();
  }

  /** The caller's CANCEL matched our INVITE transaction (RFC 3261 §9.2). */
  cancelByCaller(): void {
    if (this.state !== 'trying' && this.state !== 'early') return;
    // §9.2: the INVITE is answered 487 once the CANCEL is taken.
    this.answerCaller(487, 'Request Terminated');
    if (this.current) this.abandon(this.current);
    this.end('cancel', 487);
  }

  /** The administrator ends the call (POST /calls/teardown). */
  teardown(): void {
    if (this.state === 'ended') return;
    if (this.state === 'trying' || this.state === 'early') {
      this.answerCaller(480, 'Temporarily Unavailable', [
        warningHeader(this.ownHost(), 'the call was ended by the administrator'),
      ]);
      if (this.current) this.abandon(this.current);
      this.end('teardown', 480);
      return;
    }
    this.sendBye(this.a);
    if (this.b) this.sendBye(this.b);
    this.end('teardown', 200);
  }

  /** A request inside one of the call's dialogs; false when it matches none of them (481). */
  receiveInDialog(side: LegSide, request: SipRequest, server: ServerSide): boolean {
    const leg = side === 'a' ? this.a : this.b && this.b.dialog ? this.b : this.earlyB();
    const id = dialogIdOfRequest(request);
    if (!leg?.dialog || !id || dialogKey(id) !== leg.dialog.key) return false;
    const check = leg.dialog.receiveRequest(request);
    if (!check.ok) {
      server.sendResponse(createResponse(request, check.status, check.reason));
      return true;
    }
    if (request.method === 'BYE') {
      server.sendResponse(createResponse(request, 200, 'OK'));
      const other = side === 'a' ? (this.b ?? this.earlyB()) : this.a;
      if (other?.dialog) this.sendBye(other, getHeader(request, 'Reason'));
      this.end(side === 'a' ? 'bye-a' : 'bye-b', 200);
      return true;
    }
    if (request.method === 'REFER') {
      // REFER is not handled yet: it is left out of Allow, so Teams does not send it (providers.md).
      server.sendResponse(
        createResponse(request, 405, 'Method Not Allowed', {
          headers: [{ name: 'Allow', value: this.env.policy.allow.join(', ') }],
        }),
      );
      return true;
    }
    if (request.method === 'INVITE' && this.reinvitePending) {
      // RFC 3261 §14.2: an offer while ours is pending gets 491.
      server.sendResponse(createResponse(request, 491, 'Request Pending'));
      return true;
    }
    this.relayRequest(leg, request, server);
    return true;
  }

  /** An ACK for a 2xx, on leg `side`. */
  receiveAck(side: LegSide, ack: SipRequest): void {
    const wait = this.ackWait;
    if (!wait || wait.from !== side || cseqNumber(ack) !== wait.seq) return;
    this.stopAckWait();
    const other = side === 'a' ? this.b : this.a;
    if (other?.dialog) {
      const { body, contentType } = this.bodyToward(other.connection, ack);
      const out = other.dialog.createAck(wait.otherSeq, {
        via: freshVia(this.env.newToken),
        body,
        ...(contentType ? { contentType } : {}),
      });
      this.lastAck.set(other.side, { seq: wait.otherSeq, ack: out });
      this.env.network.send(this.hopFor(other), out);
    }
    if (this.state === 'answered') this.state = 'confirmed';
  }

  /** A response no transaction took: a repeated 2xx (§13.2.2.4), or a late one of an abandoned attempt. */
  receiveStrayResponse(callId: string, response: SipResponse): void {
    if (response.status < 200 || response.status >= 300) return;
    const run = this.runs.find((r) => r.callId === callId);
    if (run && run !== this.current) {
      this.ackAndBye(run, response);
      return;
    }
    const side: LegSide = callId === this.aCallId ? 'a' : 'b';
    const last = this.lastAck.get(side);
    if (last && last.seq === cseqNumber(response)) {
      const leg = side === 'a' ? this.a : this.b;
      if (leg) this.env.network.send(this.hopFor(leg), last.ack);
    }
  }

  // ---- b leg attempts ----

  private tryNext(): void {
    while (this.next < this.setup.attempts.length) {
      const attempt = this.setup.attempts[this.next++]!;
      const refused = this.setup.precheck(attempt) ?? this.checkMedia(attempt);
      if (refused) {
        const end: AttemptEnd = { kind: 'skipped', ...refused };
        this.lastEnd = end;
        this.lastFailure = undefined;
        this.env.observer.attemptEnded(this, attempt, end);
        continue;
      }
      this.launch(attempt);
      return;
    }
    this.fail();
  }

  private checkMedia(attempt: Attempt): { status: number; warning: string } | undefined {
    const aMedia: LegMedia = {
      name: this.a.connection.name,
      policy: this.a.connection.mediaPolicy,
      tls: this.a.hop.transport === 'tls',
    };
    const bMedia: LegMedia = {
      name: attempt.connection.name,
      policy: attempt.connection.mediaPolicy,
      tls: attempt.target.transport === 'tls',
    };
    const { body, contentType } = bodyOf(this.aInvite);
    const verdict = checkOffer(sdpOf(body, contentType), aMedia, bMedia);
    if (!verdict.ok) return { status: 488, warning: verdict.warning };
    if (sdpOf(body, contentType)) {
      const rewritten = rewriteSdpBody(body, attempt.connection.sdp, this.env.policy.codecs);
      if (!rewritten.ok) return { status: 488, warning: rewritten.warning };
    }
    return undefined;
  }

  private launch(attempt: Attempt): void {
    const run: Run = {
      attempt,
      callId: `${this.env.newToken()}${this.env.newToken()}`,
      fromTag: this.env.newToken(),
      invite: undefined,
      hop: undefined,
      provisional: false,
      committed: false,
      abandoned: false,
      cancelSent: false,
      timer: undefined,
      dialog: undefined,
    };
    this.current = run;
    this.runs.push(run);
    this.env.observer.legStarting(this, run.callId);
    const { connection } = attempt;
    // Teams' FailoverTimeSeconds: without a provisional other than 100 in time, the next one is tried.
    run.timer = this.env.timers.start('failover', connection.failoverTimeSeconds * 1000, () => {
      run.timer = undefined;
      this.onNoAnswer(run);
    });
    const { body, contentType } = this.bodyToward(connection, this.aInvite);
    this.env.network.dial(
      attempt,
      (local) =>
        buildOutboundInvite({
          inbound: this.aInvite,
          attempt,
          called: this.setup.called,
          calling: this.setup.calling,
          callId: run.callId,
          fromTag: run.fromTag,
          branch: `${this.env.newToken()}${this.env.newToken()}`,
          contact: this.env.policy.contact(connection, local.transport, local, this.setup.calling),
          fqdn: this.env.policy.fqdn,
          localHost: this.env.policy.localHost(local.transport),
          xMsSbc: this.env.policy.xMsSbc,
          userAgent: this.env.policy.userAgent,
          allow: this.env.policy.allow,
          body,
          contentType,
        }),
      {
        sent: (hop, invite) => {
          const first = run.invite === undefined;
          run.hop = hop;
          run.invite = invite;
          // A second address of the same target (RFC 3263 failover) is the same attempt.
          if (first) this.env.observer.attemptSent(this, attempt, run.callId, hop);
        },
        response: (response) => this.onResponse(run, response),
        timeout: () => this.onAttemptEnd(run, { kind: 'timeout' }),
        failed: (reason) => this.onAttemptEnd(run, { kind: 'transport', reason }),
      },
    );
  }

  private onResponse(run: Run, response: SipResponse): void {
    const status = response.status;
    if (run !== this.current || run.abandoned || this.state === 'ended') {
      if (status < 200) {
        run.provisional = true;
        if (run.abandoned && !run.cancelSent) this.sendCancel(run);
      } else if (status < 300) this.ackAndBye(run, response);
      return;
    }
    if (status === 100) {
      run.provisional = true;
      return;
    }
    if (status < 200) {
      run.provisional = true;
      run.committed = true;
      this.stopFailoverTimer(run);
      this.trackEarlyDialog(run, response);
      this.relayProvisional(response);
      return;
    }
    this.stopFailoverTimer(run);
    if (status < 300) {
      this.onAnswer(run, response);
      return;
    }
    this.lastFailure = response;
    this.onAttemptEnd(run, { kind: 'final', status });
  }

  private onNoAnswer(run: Run): void {
    if (run !== this.current || run.committed || this.state === 'ended') return;
    this.abandon(run);
    this.lastFailure = undefined;
    this.onAttemptEnd(run, { kind: 'no-answer' });
  }

  private onAttemptEnd(run: Run, end: AttemptEnd): void {
    if (run !== this.current || this.state === 'ended') return;
    if (end.kind !== 'no-answer' && run.abandoned) return;
    this.stopFailoverTimer(run);
    // The attempt no longer holds its connection; its late answers are handled as stale.
    this.current = undefined;
    this.env.observer.attemptEnded(this, run.attempt, end);
    this.lastEnd = end;
    if (end.kind !== 'final') this.lastFailure = undefined;
    if (shouldFailover(end, run.committed) && this.next < this.setup.attempts.length) {
      this.env.log(
        `[b2bua] call ${this.id}: ${describeEnd(end)} from ${run.attempt.connection.id}, trying the next target`,
      );
      this.tryNext();
      return;
    }
    this.fail();
  }

  /** No attempt left: the caller gets the last failure. */
  private fail(): void {
    const end = this.lastEnd ?? { kind: 'skipped', status: 503, warning: 'no target to try' };
    const failure = this.lastFailure;
    if (failure) {
      const { body, contentType } = this.bodyToward(this.a.connection, failure);
      this.answerCaller(failure.status, failure.reason, responseFieldsToRelay(failure), body, contentType);
    } else {
      const status = finalStatusOf(end);
      const extra =
        end.kind === 'skipped'
          ? [warningHeader(this.ownHost(), end.warning)]
          : end.kind === 'transport'
            ? [warningHeader(this.ownHost(), end.reason)]
            : [];
      this.answerCaller(status, REASONS[status] ?? 'Service Unavailable', extra);
    }
    const cause = end.kind === 'timeout' || end.kind === 'no-answer' ? 'timeout' : 'failed';
    this.end(cause, failure?.status ?? finalStatusOf(end));
  }

  private abandon(run: Run): void {
    run.abandoned = true;
    this.stopFailoverTimer(run);
    // §9.1: a CANCEL only after a provisional; until then, one that comes later triggers it.
    if (run.provisional && !run.cancelSent) this.sendCancel(run);
  }

  private sendCancel(run: Run): void {
    if (!run.invite || !run.hop) return;
    run.cancelSent = true;
    this.env.network.request({ ...run.hop, destination: undefined }, buildCancel(run.invite), IGNORE);
  }

  /** A 2xx nobody wants any more (cancelled, failed over): acknowledged and ended at once. */
  private ackAndBye(run: Run, response: SipResponse): void {
    if (!run.invite || !run.hop) return;
    const made = createUacDialog(run.invite, response, run.hop.transport === 'tls');
    if (!made.ok) return;
    const hop = run.hop;
    this.env.network.send(
      hop,
      made.dialog.createAck(cseqNumber(run.invite), { via: freshVia(this.env.newToken) }),
    );
    this.env.network.request(
      hop,
      made.dialog.createRequest('BYE', { via: freshVia(this.env.newToken) }),
      IGNORE,
    );
  }

  private trackEarlyDialog(run: Run, response: SipResponse): void {
    if (!run.invite || !tagOf(response, 'To')) return;
    if (run.dialog && run.dialog.id.remoteTag === tagOf(response, 'To')) {
      run.dialog.receiveResponse(response, 'INVITE');
      return;
    }
    const made = createUacDialog(run.invite, response, run.hop?.transport === 'tls');
    if (made.ok) run.dialog = made.dialog;
  }

  private earlyB(): Leg | undefined {
    const run = this.current;
    if (!run?.dialog || !run.hop) return undefined;
    return {
      side: 'b',
      connection: run.attempt.connection,
      hop: run.hop,
      dialog: run.dialog,
      inviteSeq: cseqNumber(run.invite!),
    };
  }

  private onAnswer(run: Run, response: SipResponse): void {
    if (run.dialog && run.dialog.id.remoteTag === tagOf(response, 'To'))
      run.dialog.receiveResponse(response, 'INVITE');
    else {
      const made = createUacDialog(run.invite!, response, run.hop?.transport === 'tls');
      if (!made.ok) {
        // Without a Contact the dialog cannot go on: acknowledge, end it, and fail the call.
        this.env.log(`[b2bua] call ${this.id}: the 2xx cannot start a dialog: ${made.error}`);
        this.ackAndBye(run, response);
        this.lastFailure = undefined;
        this.onAttemptEnd(run, { kind: 'final', status: 502 });
        return;
      }
      run.dialog = made.dialog;
    }
    this.b = {
      side: 'b',
      connection: run.attempt.connection,
      hop: run.hop!,
      dialog: run.dialog,
      inviteSeq: cseqNumber(run.invite!),
    };
    const sent = this.relayFinalAnswer(response);
    this.state = 'answered';
    this.answeredAt = this.env.timers.now();
    this.env.observer.attemptEnded(this, run.attempt, { kind: 'answered' });
    this.env.observer.answered(this, response.status);
    this.startAckWait('a', cseqNumber(this.aInvite), sent, this.b.inviteSeq);
  }

  // ---- toward the caller ----

  private contactToward(leg: Leg): string {
    const local = leg.hop.flow?.local ?? { address: this.env.policy.localHost(leg.hop.transport), port: 0 };
    return this.env.policy.contact(
      leg.connection,
      leg.hop.transport,
      local,
      userOf(this.aInvite.uri) || 'sbc',
    );
  }

  private responseToCaller(
    status: number,
    reason: string,
    headers: SipHeader[],
    body: Uint8Array = new Uint8Array(0),
    contentType?: string,
  ): SipResponse {
    return createResponse(this.aInvite, status, reason, {
      toTag: this.aTag,
      headers: [
        { name: 'Server', value: this.env.policy.userAgent },
        ...(status < 300 ? [{ name: 'Contact', value: this.contactToward(this.a) }] : []),
        ...(status < 300 ? [{ name: 'Allow', value: this.env.policy.allow.join(', ') }] : []),
        ...headers,
      ],
      body,
      ...(contentType && body.length ? { contentType } : {}),
    });
  }

  private answerCaller(
    status: number,
    reason: string,
    headers: SipHeader[] = [],
    body?: Uint8Array,
    contentType?: string,
  ): SipResponse | undefined {
    const response = this.responseToCaller(status, reason, headers, body, contentType);
    try {
      this.setup.server.sendResponse(response);
    } catch (error) {
      // The transaction already has its final answer (a race with CANCEL); nothing more to say.
      this.env.log(`[b2bua] call ${this.id}: ${(error as Error).message}`);
      return undefined;
    }
    return response;
  }

  private relayProvisional(response: SipResponse): void {
    const { body, contentType } = this.bodyToward(this.a.connection, response);
    const sent = this.answerCaller(
      response.status,
      response.reason,
      responseFieldsToRelay(response),
      body,
      contentType,
    );
    if (!sent) return;
    this.state = 'early';
    if (!this.a.dialog) {
      const made = createUasDialog(this.aInvite, sent, this.a.hop.transport === 'tls');
      if (made.ok) this.a.dialog = made.dialog;
    }
  }

  private relayFinalAnswer(response: SipResponse): SipResponse {
    const { body, contentType } = this.bodyToward(this.a.connection, response);
    const sent =
      this.answerCaller(
        response.status,
        response.reason,
        responseFieldsToRelay(response),
        body,
        contentType,
      ) ?? this.responseToCaller(response.status, response.reason, []);
    if (!this.a.dialog) {
      const made = createUasDialog(this.aInvite, sent, this.a.hop.transport === 'tls');
      if (made.ok) this.a.dialog = made.dialog;
    } else if (this.a.dialog.state === 'early') this.a.dialog.transition('confirmed');
    return sent;
  }

  // ---- in-dialog relaying ----

  private relayRequest(from: Leg, request: SipRequest, server: ServerSide): void {
    const to = from.side === 'a' ? (this.b ?? this.earlyB()) : this.a;
    if (!to?.dialog) {
      server.sendResponse(createResponse(request, 481, 'Call/Transaction Does Not Exist'));
      return;
    }
    const method = request.method;
    const { body, contentType } = this.bodyToward(to.connection, request);
    const refresh = method === 'INVITE' || method === 'UPDATE';
    const out = to.dialog.createRequest(method, {
      via: freshVia(this.env.newToken),
      ...(refresh ? { contact: this.contactToward(to) } : {}),
      headers: [
        ...(refresh ? [{ name: 'Allow', value: this.env.policy.allow.join(', ') }] : []),
        ...requestFieldsToRelay(request, to.inviteSeq),
      ],
      body,
      ...(contentType && body.length ? { contentType } : {}),
    });
    if (method === 'INVITE') this.reinvitePending = true;
    const outSeq = cseqNumber(out);
    const toDialog = to.dialog;
    let answered = false;
    const answer = (response: SipResponse) => {
      if (answered && response.status >= 200) return;
      if (response.status >= 200) answered = true;
      try {
        server.sendResponse(response);
      } catch {
        // The caller's transaction timed out already.
      }
    };
    this.env.network.request(this.hopFor(to), out, {
      passToUser: (response) => {
        if (response.status === 100) return;
        toDialog.receiveResponse(response, method);
        if (method === 'INVITE' && response.status >= 200) this.reinvitePending = false;
        const back = this.bodyToward(from.connection, response);
        const relayed = createResponse(request, response.status, response.reason, {
          headers: [
            { name: 'Server', value: this.env.policy.userAgent },
            ...(refresh && response.status < 300
              ? [{ name: 'Contact', value: this.contactToward(from) }]
              : []),
            ...responseFieldsToRelay(response),
          ],
          body: back.body,
          ...(back.contentType && back.body.length ? { contentType: back.contentType } : {}),
        });
        answer(relayed);
        if (method === 'INVITE' && response.status >= 200 && response.status < 300)
          this.startAckWait(from.side, cseqNumber(request), relayed, outSeq);
      },
      onTimeout: () => {
        if (method === 'INVITE') this.reinvitePending = false;
        answer(createResponse(request, 408, 'Request Timeout'));
      },
      onTransportError: () => {
        if (method === 'INVITE') this.reinvitePending = false;
        answer(createResponse(request, 503, 'Service Unavailable'));
      },
    });
  }

  // ---- 2xx retransmission and ACK (RFC 3261 §13.3.1.4) ----

  private startAckWait(from: LegSide, seq: number, response: SipResponse, otherSeq: number): void {
    this.stopAckWait();
    const guard = this.env.timers.start('ack-wait', ACK_WAIT_MS, () => this.onAckTimeout());
    this.ackWait = { from, seq, response, otherSeq, interval: T1, resend: undefined, guard };
    const leg = from === 'a' ? this.a : this.b;
    if (leg?.hop.transport === 'udp') this.armResend();
  }

  private armResend(): void {
    const wait = this.ackWait;
    if (!wait) return;
    wait.resend = this.env.timers.start('2xx-resend', wait.interval, () => {
      if (this.ackWait !== wait) return;
      const leg = wait.from === 'a' ? this.a : this.b;
      if (leg) this.env.network.send(this.hopFor(leg), wait.response);
      wait.interval = Math.min(wait.interval * 2, T2);
      this.armResend();
    });
  }

  private stopAckWait(): void {
    const wait = this.ackWait;
    if (!wait) return;
    this.env.timers.cancel(wait.guard);
    if (wait.resend) this.env.timers.cancel(wait.resend);
    this.ackWait = undefined;
  }

  private onAckTimeout(): void {
    const wait = this.ackWait;
    if (!wait) return;
    this.ackWait = undefined;
    if (wait.resend) this.env.timers.cancel(wait.resend);
    // §13.3.1.4: no ACK within 64*T1 ends the dialog with BYE; the other leg gets its ACK first.
    const other = wait.from === 'a' ? this.b : this.a;
    if (other?.dialog)
      this.env.network.send(
        this.hopFor(other),
        other.dialog.createAck(wait.otherSeq, { via: freshVia(this.env.newToken) }),
      );
    const from = wait.from === 'a' ? this.a : this.b;
    if (from) this.sendBye(from);
    if (other) this.sendBye(other);
    this.end('timeout', 408);
  }

  // ---- helpers ----

  /** Where a leg's requests go: the b leg opens a flow per request (its INVITE's UDP socket idles out). */
  private hopFor(leg: Leg): NextHop {
    return leg.hop.destination ? { ...leg.hop, flow: undefined } : leg.hop;
  }

  private sendBye(leg: Leg, reason?: string): void {
    if (!leg.dialog || leg.dialog.state === 'terminated') return;
    const bye = leg.dialog.createRequest('BYE', {
      via: freshVia(this.env.newToken),
      headers: reason ? [{ name: 'Reason', value: reason }] : [],
    });
    this.env.network.request(this.hopFor(leg), bye, IGNORE);
  }

  private bodyToward(
    connection: Connection,
    message: SipRequest | SipResponse,
  ): { body: Uint8Array; contentType: string | undefined } {
    const { body, contentType } = bodyOf(message);
    if (!sdpOf(body, contentType)) return { body, contentType };
    const rewritten = rewriteSdpBody(body, connection.sdp, this.env.policy.codecs);
    return rewritten.ok ? { body: rewritten.body, contentType } : { body, contentType };
  }

  private ownHost(): string {
    return this.env.policy.fqdn ?? this.env.policy.localHost(this.a.hop.transport);
  }

  private stopFailoverTimer(run: Run): void {
    if (run.timer) this.env.timers.cancel(run.timer);
    run.timer = undefined;
  }

  private end(cause: EndCause, status: number): void {
    if (this.state === 'ended') return;
    this.state = 'ended';
    this.stopAckWait();
    for (const run of this.runs) this.stopFailoverTimer(run);
    this.env.observer.ended(this, cause, status);
  }
}

const IGNORE = { passToUser: () => {}, onTimeout: () => {}, onTransportError: () => {} };

const REASONS: Readonly<Record<number, string>> = {
  404: 'Not Found',
  408: 'Request Timeout',
  480: 'Temporarily Unavailable',
  488: 'Not Acceptable Here',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

function describeEnd(end: AttemptEnd): string {
  switch (end.kind) {
    case 'final':
      return `${end.status}`;
    case 'timeout':
      return 'no response';
    case 'transport':
      return `transport failure (${end.reason})`;
    case 'no-answer':
      return 'no answer within the failover time';
    case 'skipped':
      return `not tried (${end.warning})`;
  }
}
