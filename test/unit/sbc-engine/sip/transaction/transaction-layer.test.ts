import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SipMessage, SipRequest, SipResponse } from '../../../../../sbc-engine/sip/message.ts';
import { FakeTimerHost } from '../../../../../sbc-engine/sip/transaction/clock.ts';
import {
  TransactionLayer,
  TransactionLimitError,
  type ServerTransaction,
} from '../../../../../sbc-engine/sip/transaction/transaction-layer.ts';
import type { SendReason } from '../../../../../sbc-engine/sip/transaction/types.ts';
import { makeRequest, makeResponse } from './fixtures.ts';

type Flow = string;

function setup(maxTransactions = 100, answer?: (request: SipRequest, tx: ServerTransaction) => void) {
  const host = new FakeTimerHost();
  const wire: { message: SipMessage; flow: Flow; reason: SendReason }[] = [];
  const up = {
    requests: [] as SipRequest[],
    acks: [] as SipRequest[],
    stray: [] as SipResponse[],
    failed: [] as string[],
  };
  const layer = new TransactionLayer<Flow>({
    timers: host,
    maxTransactions,
    transport: { send: (message, flow, reason) => wire.push({ message, flow, reason }) },
    user: {
      receiveRequest: (request, tx) => {
        up.requests.push(request);
        answer?.(request, tx);
      },
      receiveAck: (request) => up.acks.push(request),
      receiveStrayResponse: (response) => up.stray.push(response),
      serverTransactionFailed: (_tx, reason) => up.failed.push(reason),
    },
  });
  return { host, wire, up, layer };
}

const ok = (request: SipRequest, tx: ServerTransaction) => tx.sendResponse(makeResponse(request, 200, 'OK'));

describe('transaction layer: server side (RFC 3261 §17.2.3)', () => {
  it('absorbs a retransmitted request and sends the last response again', () => {
    const { host, wire, up, layer } = setup(100, ok);
    const options = makeRequest('OPTIONS');
    assert.equal(layer.receiveRequest(options, 'peer').kind, 'new');
    host.advance(500);
    const again = layer.receiveRequest(makeRequest('OPTIONS'), 'peer');
    assert.equal(again.kind, 'retransmission');
    assert.equal(up.requests.length, 1, 'the TU sees the request once');
    assert.deepEqual(
      wire.map((w) => [(w.message as SipResponse).status, w.reason, w.flow]),
      [
        [200, 'initial', 'peer'],
        [200, 'retransmit', 'peer'],
      ],
    );
  });

  it('removes a transaction once Timer J ends it', () => {
    const { host, layer } = setup(100, ok);
    layer.receiveRequest(makeRequest('OPTIONS'), 'peer');
    assert.equal(layer.size, 1);
    host.advance(32_000);
    assert.equal(layer.size, 0);
  });

  it('gives the ACK for a non-2xx to the INVITE transaction and the ACK for a 2xx to the TU', () => {
    const { layer, up } = setup(100, (request, tx) => {
      if (request.method === 'INVITE') tx.sendResponse(makeResponse(request, 486, 'Busy Here'));
    });
    const outcome = layer.receiveRequest(makeRequest('INVITE'), 'peer');
    assert.equal(layer.receiveRequest(makeRequest('ACK', { cseq: 314159 }), 'peer').kind, 'retransmission');
    assert.equal(outcome.kind === 'new' && outcome.transaction.state, 'confirmed');
    const ackFor2xx = makeRequest('ACK', { cseq: 314159, branch: 'z9hG4bKack2xx' });
    assert.equal(layer.receiveRequest(ackFor2xx, 'peer').kind, 'ack-to-user');
    assert.deepEqual(up.acks, [ackFor2xx]);
  });

  it('finds the INVITE transaction a CANCEL refers to (§9.2)', () => {
    const { layer } = setup();
    const outcome = layer.receiveRequest(makeRequest('INVITE'), 'peer');
    assert.equal(layer.receiveRequest(makeRequest('CANCEL'), 'peer').kind, 'new');
    assert.equal(
      layer.findInviteForCancel(makeRequest('CANCEL')),
      outcome.kind === 'new' ? outcome.transaction : null,
    );
  });

  it('reports Timer H to the TU', () => {
    const { host, layer, up } = setup(100, (r, tx) => tx.sendResponse(makeResponse(r, 486, 'Busy Here')));
    layer.receiveRequest(makeRequest('INVITE'), 'peer');
    host.advance(32_000);
    assert.deepEqual(up.failed, ['timeout']);
    assert.equal(layer.size, 0);
  });

  it('refuses RFC 2543 requests and requests without Via', () => {
    const { layer } = setup();
    assert.equal(layer.receiveRequest(makeRequest('OPTIONS', { branch: 'old' }), 'peer').kind, 'unsupported');
    const noVia = makeRequest('OPTIONS');
    noVia.headers = noVia.headers.filter((h) => h.name !== 'Via');
    assert.equal(layer.receiveRequest(noVia, 'peer').kind, 'invalid');
  });
});

describe('transaction layer: client side (RFC 3261 §17.1.3)', () => {
  function callbacks() {
    const seen = { responses: [] as SipResponse[], timeouts: 0, errors: 0 };
    return {
      seen,
      cb: {
        passToUser: (r: SipResponse) => seen.responses.push(r),
        onTimeout: () => seen.timeouts++,
        onTransportError: () => seen.errors++,
      },
    };
  }

  it('matches responses to the client transaction and hands stray ones to the TU', () => {
    const { layer, up, wire } = setup();
    const { seen, cb } = callbacks();
    const invite = makeRequest('INVITE');
    layer.sendRequest(invite, 'proxy', cb);
    assert.equal(wire[0]?.message, invite);
    const ok200 = makeResponse(invite, 200, 'OK');
    assert.equal(layer.receiveResponse(ok200, 'proxy').kind, 'matched');
    assert.equal(layer.size, 0, 'a 2xx ends the INVITE client transaction');
    // §17.1.1.2: the retransmitted 2xx finds no transaction and goes to the TU.
    assert.equal(layer.receiveResponse(ok200, 'proxy').kind, 'stray');
    assert.deepEqual(seen.responses, [ok200]);
    assert.deepEqual(up.stray, [ok200]);
  });

  it('times out an unanswered OPTIONS and forgets it', () => {
    const { host, layer, wire } = setup();
    const { seen, cb } = callbacks();
    layer.sendRequest(makeRequest('OPTIONS'), 'proxy', cb);
    host.advance(32_000);
    assert.equal(wire.length, 11);
    assert.equal(seen.timeouts, 1);
    assert.equal(layer.size, 0);
  });

  it('ends a client transaction whose message the transport could not send', () => {
    const { layer } = setup();
    const { seen, cb } = callbacks();
    const options = makeRequest('OPTIONS');
    const tx = layer.sendRequest(options, 'proxy', cb);
    layer.transportError(options);
    assert.equal(tx.state, 'terminated');
    assert.equal(seen.errors, 1);
    assert.equal(layer.size, 0);
  });

  it('refuses a second transaction with the same branch and method, and ACKs', () => {
    const { layer } = setup();
    layer.sendRequest(makeRequest('OPTIONS'), 'proxy', callbacks().cb);
    assert.throws(() => layer.sendRequest(makeRequest('OPTIONS'), 'proxy', callbacks().cb), /already open/);
    assert.throws(
      () => layer.sendRequest(makeRequest('ACK'), 'proxy', callbacks().cb),
      /without a transaction/,
    );
  });
});

describe('transaction layer: bounds', () => {
  it('refuses new transactions beyond the maximum with a clear error', () => {
    const { layer } = setup(2);
    layer.receiveRequest(makeRequest('OPTIONS', { branch: 'z9hG4bK1' }), 'a');
    layer.sendRequest(makeRequest('OPTIONS', { branch: 'z9hG4bK2' }), 'b', {
      passToUser: () => {},
      onTimeout: () => {},
      onTransportError: () => {},
    });
    const refused = layer.receiveRequest(makeRequest('OPTIONS', { branch: 'z9hG4bK3' }), 'a');
    assert.equal(refused.kind, 'refused');
    assert.match(refused.kind === 'refused' ? refused.error : '', /2 transactions are open/);
    assert.throws(
      () =>
        layer.sendRequest(makeRequest('OPTIONS', { branch: 'z9hG4bK4' }), 'b', {
          passToUser() {},
          onTimeout() {},
          onTransportError() {},
        }),
      TransactionLimitError,
    );
    // A retransmission of an open transaction is still absorbed at the limit.
    assert.equal(
      layer.receiveRequest(makeRequest('OPTIONS', { branch: 'z9hG4bK1' }), 'a').kind,
      'retransmission',
    );
  });
});
