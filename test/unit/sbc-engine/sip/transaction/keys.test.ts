import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  cancelTargetKey,
  clientKeyOfRequest,
  clientKeyOfResponse,
  serverKeyOfRequest,
  serverKeyOfResponse,
  type KeyResult,
} from '../../../../../sbc-engine/sip/transaction/keys.ts';
import { makeRequest, makeResponse } from './fixtures.ts';

function key(result: KeyResult): string {
  assert.ok(result.ok, result.ok ? '' : result.error);
  return result.key;
}

const invite = makeRequest('INVITE');

describe('RFC 3261 §17.1.3: matching responses to client transactions', () => {
  const rows: [string, () => KeyResult, boolean][] = [
    ['a 180 to the INVITE', () => clientKeyOfResponse(makeResponse(invite, 180)), true],
    ['a 486 to the INVITE', () => clientKeyOfResponse(makeResponse(invite, 486)), true],
    [
      'a 200 to a CANCEL with the same branch',
      () => clientKeyOfResponse(makeResponse(makeRequest('CANCEL'), 200)),
      false,
    ],
    [
      'a response with another branch',
      () => clientKeyOfResponse(makeResponse(makeRequest('INVITE', { branch: 'z9hG4bKother' }), 200)),
      false,
    ],
  ];
  for (const [name, make, matches] of rows) {
    it(`${name} ${matches ? 'matches' : 'does not match'}`, () => {
      assert.equal(key(make()) === key(clientKeyOfRequest(invite)), matches);
    });
  }

  it('reports a response without Via or CSeq as invalid', () => {
    const noVia = {
      ...makeResponse(invite, 200),
      headers: makeResponse(invite, 200).headers.filter((h) => h.name !== 'Via'),
    };
    const noCSeq = {
      ...makeResponse(invite, 200),
      headers: makeResponse(invite, 200).headers.filter((h) => h.name !== 'CSeq'),
    };
    assert.deepEqual(clientKeyOfResponse(noVia), {
      ok: false,
      kind: 'invalid',
      error: 'the message has no Via',
    });
    assert.equal(clientKeyOfResponse(noCSeq).ok, false);
  });
});

describe('RFC 3261 §17.2.3: matching requests to server transactions', () => {
  const rows: [string, () => KeyResult, boolean][] = [
    ['a retransmitted INVITE', () => serverKeyOfRequest(makeRequest('INVITE')), true],
    [
      'the ACK for a non-2xx (same branch)',
      () => serverKeyOfRequest(makeRequest('ACK', { cseq: 314159 })),
      true,
    ],
    ['a CANCEL (its own transaction, §9.2)', () => serverKeyOfRequest(makeRequest('CANCEL')), false],
    [
      'the same branch from another sent-by',
      () => serverKeyOfRequest(makeRequest('INVITE', { sentBy: 'other.example.com' })),
      false,
    ],
    ['another branch', () => serverKeyOfRequest(makeRequest('INVITE', { branch: 'z9hG4bKnew' })), false],
    ['our own final response', () => serverKeyOfResponse(makeResponse(invite, 486)), true],
  ];
  for (const [name, make, matches] of rows) {
    it(`${name} ${matches ? 'matches' : 'does not match'} the INVITE's transaction`, () => {
      assert.equal(key(make()) === key(serverKeyOfRequest(invite)), matches);
    });
  }

  it('finds the INVITE a CANCEL refers to', () => {
    assert.equal(key(cancelTargetKey(makeRequest('CANCEL'))), key(serverKeyOfRequest(invite)));
    assert.equal(cancelTargetKey(invite).ok, false);
  });

  it('reports RFC 2543 matching (no magic cookie) as unsupported', () => {
    const old = serverKeyOfRequest(makeRequest('INVITE', { branch: '776asdhds' }));
    assert.equal(old.ok, false);
    assert.equal(!old.ok && old.kind, 'unsupported');
  });
});
