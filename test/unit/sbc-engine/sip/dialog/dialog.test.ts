import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getHeader, getHeaderValues } from '../../../../../sbc-engine/sip/headers.ts';
import type { SipHeader, SipRequest, SipResponse } from '../../../../../sbc-engine/sip/message.ts';
import { createResponse } from '../../../../../sbc-engine/sip/response.ts';
import { createUacDialog, createUasDialog } from '../../../../../sbc-engine/sip/dialog/create.ts';
import type { Dialog } from '../../../../../sbc-engine/sip/dialog/dialog.ts';
import {
  dialogIdOfRequest,
  dialogIdOfResponse,
  dialogKey,
} from '../../../../../sbc-engine/sip/dialog/dialog-id.ts';
import { IllegalTransitionError } from '../../../../../sbc-engine/sip/transaction/machine.ts';
import { makeRequest } from '../transaction/fixtures.ts';

const RECORD_ROUTE = '<sip:p2.example.com;lr>, <sip:p1.example.com;lr>';

function answer(invite: SipRequest, status: number, extra: SipHeader[] = []): SipResponse {
  return createResponse(invite, status, 'Reason', {
    toTag: '314159',
    headers: [{ name: 'Contact', value: '<sip:bob@192.0.2.4>' }, ...extra],
  });
}

function uac(status = 200, inviteHeaders: SipHeader[] = [], uri?: string, overTls = false): Dialog {
  const invite = makeRequest('INVITE', { headers: inviteHeaders, cseq: 101, ...(uri ? { uri } : {}) });
  const result = createUacDialog(invite, answer(invite, status), overTls);
  assert.ok(result.ok, result.ok ? '' : result.error);
  return result.dialog;
}

describe('RFC 3261 §12.1.2: the UAC creates a dialog from a 200 OK', () => {
  it('takes the ID, sequence numbers, remote target and reversed route set', () => {
    const dialog = uac(200, [{ name: 'Record-Route', value: RECORD_ROUTE }]);
    assert.equal(dialog.state, 'confirmed');
    assert.deepEqual(dialog.id, {
      callId: 'a84b4c76e66710@pc33.atlanta.example.com',
      localTag: '1928301774',
      remoteTag: '314159',
    });
    assert.equal(dialog.localSeq, 101);
    assert.equal(dialog.remoteSeq, undefined);
    assert.equal(dialog.remoteTarget, 'sip:bob@192.0.2.4');
    assert.deepEqual(dialog.routeSet, ['<sip:p1.example.com;lr>', '<sip:p2.example.com;lr>']);
  });

  it('matches the ID the UAC sees in the response', () => {
    const invite = makeRequest('INVITE');
    const response = answer(invite, 200);
    const result = createUacDialog(invite, response, false);
    assert.ok(result.ok);
    assert.equal(dialogKey(dialogIdOfResponse(response)!), result.dialog.key);
  });

  it('is early for a 180 with a To tag and refuses 100 and failures', () => {
    assert.equal(uac(180).state, 'early');
    const invite = makeRequest('INVITE');
    for (const status of [100, 486])
      assert.equal(createUacDialog(invite, answer(invite, status), false).ok, false);
  });

  const secure: [string, string, boolean, boolean][] = [
    ['a SIPS URI over TLS', 'sips:bob@biloxi.example.com', true, true],
    ['a SIP URI over TLS', 'sip:bob@biloxi.example.com', true, false],
    ['a SIPS URI over another transport', 'sips:bob@biloxi.example.com', false, false],
  ];
  for (const [name, uri, tls, expected] of secure) {
    it(`the secure flag is ${expected} for ${name}`, () => {
      assert.equal(uac(200, [], uri, tls).secure, expected);
    });
  }
});

describe('RFC 3261 §12.1.1: the UAS creates a dialog', () => {
  it('keeps the route set in order and takes the remote CSeq', () => {
    const invite = makeRequest('INVITE', {
      cseq: 7,
      headers: [{ name: 'Record-Route', value: RECORD_ROUTE }],
    });
    const result = createUasDialog(invite, answer(invite, 200), false);
    assert.ok(result.ok);
    const dialog = result.dialog;
    assert.deepEqual(dialog.routeSet, ['<sip:p2.example.com;lr>', '<sip:p1.example.com;lr>']);
    assert.deepEqual([dialog.localSeq, dialog.remoteSeq], [undefined, 7]);
    assert.equal(dialog.remoteTarget, 'sip:alice@pc33.atlanta.example.com');
    assert.deepEqual(dialog.id, {
      callId: 'a84b4c76e66710@pc33.atlanta.example.com',
      localTag: '314159',
      remoteTag: '1928301774',
    });
    const bye = makeRequest('BYE', { toTag: '314159' });
    assert.equal(dialogKey(dialogIdOfRequest(bye)!), dialog.key);
  });

  it('refuses a request without Contact', () => {
    const invite = makeRequest('INVITE');
    invite.headers = invite.headers.filter((h) => h.name !== 'Contact');
    const result = createUasDialog(invite, answer(invite, 200), false);
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.error, /no usable Contact/);
  });
});

describe('RFC 3261 §12.2.1.1: requests inside the dialog', () => {
  const rows: [string, string | undefined, string, string[]][] = [
    // name, Record-Route in the 200 (as the UAC receives it), Request-URI, Route
    ['an empty route set', undefined, 'sip:bob@192.0.2.4', []],
    [
      'a loose first router',
      RECORD_ROUTE,
      'sip:bob@192.0.2.4',
      ['<sip:p1.example.com;lr>', '<sip:p2.example.com;lr>'],
    ],
    [
      'a strict first router',
      '<sip:p2.example.com;lr>, <sip:p1.example.com;method=INVITE;maddr=192.0.2.9>',
      'sip:p1.example.com;maddr=192.0.2.9',
      ['<sip:p2.example.com;lr>', '<sip:bob@192.0.2.4>'],
    ],
  ];
  for (const [name, recordRoute, requestUri, route] of rows) {
    it(`with ${name} the BYE goes to ${requestUri}`, () => {
      const invite = makeRequest('INVITE', { cseq: 101 });
      const result = createUacDialog(
        invite,
        answer(invite, 200, recordRoute ? [{ name: 'Record-Route', value: recordRoute }] : []),
        false,
      );
      assert.ok(result.ok);
      const bye = result.dialog.createRequest('BYE', {
        via: 'SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKbye',
      });
      assert.equal(bye.uri, requestUri);
      assert.deepEqual(getHeaderValues(bye, 'Route'), route);
    });
  }

  it('fills From, To, Call-ID and increments the CSeq', () => {
    const dialog = uac();
    const bye = dialog.createRequest('BYE');
    assert.equal(getHeader(bye, 'CSeq'), '102 BYE');
    assert.equal(getHeader(bye, 'From'), '"Alice" <sip:alice@atlanta.example.com>;tag=1928301774');
    assert.equal(getHeader(bye, 'To'), '"Bob" <sip:bob@biloxi.example.com>;tag=314159');
    assert.equal(getHeader(bye, 'Call-ID'), 'a84b4c76e66710@pc33.atlanta.example.com');
    assert.equal(getHeader(dialog.createRequest('INFO'), 'CSeq'), '103 INFO');
    // §13.2.2.4: the ACK for the 2xx reuses the INVITE's number.
    assert.equal(getHeader(dialog.createAck(101), 'CSeq'), '101 ACK');
    assert.equal(dialog.localSeq, 103);
  });

  it('a UAS without a local CSeq starts from the chosen initial value', () => {
    const invite = makeRequest('INVITE');
    const result = createUasDialog(invite, answer(invite, 200), false);
    assert.ok(result.ok);
    assert.equal(getHeader(result.dialog.createRequest('BYE', { initialSeq: 5000 }), 'CSeq'), '5000 BYE');
  });
});

describe('RFC 3261 §12.2.2: CSeq of requests inside the dialog', () => {
  const rows: [string, string, number, number | null, number][] = [
    // name, method, CSeq, expected status (null = accepted), remote CSeq afterwards
    ['a higher number', 'INFO', 8, null, 8],
    ['a much higher number (gaps are fine)', 'INFO', 100, null, 100],
    ['an ACK with the INVITE number', 'ACK', 7, null, 7],
    ['a lower number', 'INFO', 6, 500, 7],
  ];
  for (const [name, method, cseq, status, after] of rows) {
    it(`${name} is ${status === null ? 'accepted' : `answered ${status}`}`, () => {
      const invite = makeRequest('INVITE', { cseq: 7 });
      const result = createUasDialog(invite, answer(invite, 200), false);
      assert.ok(result.ok);
      const check = result.dialog.receiveRequest(makeRequest(method, { cseq, toTag: '314159' }));
      assert.equal(check.ok ? null : check.status, status);
      assert.equal(result.dialog.remoteSeq, after);
    });
  }

  it('a re-INVITE replaces the remote target (§12.2.2 target refresh)', () => {
    const invite = makeRequest('INVITE', { cseq: 7 });
    const result = createUasDialog(invite, answer(invite, 200), false);
    assert.ok(result.ok);
    const reinvite = makeRequest('INVITE', { cseq: 8, toTag: '314159', contact: '<sip:alice@198.51.100.7>' });
    assert.deepEqual(result.dialog.receiveRequest(reinvite), { ok: true });
    assert.equal(result.dialog.remoteTarget, 'sip:alice@198.51.100.7');
  });
});

describe('RFC 3261 §12.3 and §13.2.2.4: dialog state', () => {
  it('an early dialog is confirmed by a 2xx, which also recomputes the route set', () => {
    const dialog = uac(180);
    const invite = makeRequest('INVITE', { cseq: 101 });
    dialog.receiveResponse(answer(invite, 200, [{ name: 'Record-Route', value: RECORD_ROUTE }]), 'INVITE');
    assert.equal(dialog.state, 'confirmed');
    assert.deepEqual(dialog.routeSet, ['<sip:p1.example.com;lr>', '<sip:p2.example.com;lr>']);
  });

  it('an early dialog ends with a non-2xx final response', () => {
    const dialog = uac(180);
    dialog.receiveResponse(answer(makeRequest('INVITE'), 486), 'INVITE');
    assert.equal(dialog.state, 'terminated');
  });

  it('a 481 to a request inside the dialog ends it (§12.2.1.2)', () => {
    const dialog = uac(200);
    dialog.receiveResponse(answer(makeRequest('INFO'), 481), 'INFO');
    assert.equal(dialog.state, 'terminated');
    assert.throws(() => dialog.createRequest('BYE'), /terminated/);
  });

  it('rejects illegal transitions', () => {
    const dialog = uac(200);
    assert.throws(() => dialog.transition('early'), IllegalTransitionError);
    dialog.transition('terminated');
    assert.throws(() => dialog.transition('confirmed'), /from "terminated" to "confirmed"/);
  });
});
