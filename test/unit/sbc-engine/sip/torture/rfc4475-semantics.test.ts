// RFC 4475 §3.2 (transaction layer), §3.3 (application layer) and §3.4 (backward compatibility):
// syntactically fine messages that the parser accepts and the layer above answers.
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { countHeaderFields, getHeader, getHeaderValues } from '../../../../../sbc-engine/sip/headers.ts';
import { unescapeUriPart } from '../../../../../sbc-engine/sip/uri.ts';
import {
  asRequest,
  asResponse,
  headerAddr,
  param,
  runRow,
  sipUri,
  via,
  type TortureRow,
} from './torture-rows.ts';

const rows: TortureRow[] = [
  {
    name: 'badbranch',
    section: '3.2.1',
    description:
      'branch is the bare magic cookie: accepted, matched the RFC 2543 way (the RFC allows 400 too)',
    parse: 'ok',
    verdict: null,
    inspect: (m) => assert.equal(param(via(getHeader(m, 'Via')).params, 'branch'), 'z9hG4bK'),
  },
  {
    name: 'insuf',
    section: '3.3.1',
    description: 'no To, From, Call-ID or Max-Forwards: 400 naming a missing mandatory field',
    parse: 'ok',
    verdict: { status: 400, field: ['To', 'From', 'Call-ID'] },
  },
  {
    name: 'unkscm',
    section: '3.3.2',
    description: 'Request-URI with an unknown scheme: 416',
    parse: 'ok',
    verdict: { status: 416 },
    inspect: (m) => assert.equal(asRequest(m).uri, 'nobodyKnowsThisScheme:totallyopaquecontent'),
  },
  {
    name: 'novelsc',
    section: '3.3.3',
    description: 'Request-URI scheme with dots (soap.beep): 416',
    parse: 'ok',
    verdict: { status: 416 },
  },
  {
    name: 'unksm2',
    section: '3.3.4',
    description:
      'REGISTER whose To/From/Contact use unknown schemes: 400 for the non-SIP To (registrar rule)',
    parse: 'ok',
    verdict: { status: 400, field: 'To' },
    inspect: (m) => {
      assert.equal(getHeader(m, 'To'), 'isbn:2983792873');
      assert.equal(headerAddr(m, 'Contact').uri, 'name:John_Smith');
    },
  },
  {
    name: 'bext01',
    section: '3.3.5',
    description: 'Require with unknown option tags: 420 listing both; Proxy-Require is left to proxies',
    parse: 'ok',
    checkOptions: { supported: [] },
    verdict: {
      status: 420,
      field: 'Require',
      unsupported: ['nothingSupportsThis', 'nothingSupportsThisEither'],
    },
  },
  {
    name: 'invut',
    section: '3.3.6',
    description: 'INVITE with an unknown body type: passes these checks; the 415 is the body handler’s',
    parse: 'ok',
    verdict: null,
    inspect: (m) => {
      assert.equal(getHeader(m, 'Content-Type'), 'application/unknownformat');
      assert.equal(m.body.length, 40);
    },
  },
  {
    name: 'regaut01',
    section: '3.3.7',
    description: 'Authorization with an unknown scheme: passes these checks; the registrar challenges (401)',
    parse: 'ok',
    verdict: null,
    inspect: (m) => assert.equal(getHeader(m, 'Authorization'), 'NoOneKnowsThisScheme opaque-data=here'),
  },
  {
    name: 'multi01',
    section: '3.3.8',
    description: 'two CSeq, Call-ID, To, From and Max-Forwards fields: 400 for a duplicated field',
    parse: 'ok',
    verdict: { status: 400, field: ['CSeq', 'Call-ID', 'To', 'From', 'Max-Forwards'] },
    inspect: (m) => {
      assert.equal(countHeaderFields(m, 'CSeq'), 2);
      assert.equal(countHeaderFields(m, 'Call-ID'), 2);
      assert.equal(countHeaderFields(m, 'To'), 2);
    },
  },
  {
    name: 'mcl01',
    section: '3.3.9',
    description: 'Content-Length 13 and 5: the framing is unknowable, rejected at the second one',
    parse: 'reject',
    error: { line: 9, field: 'Content-Length' },
  },
  {
    name: 'bcast',
    section: '3.3.10',
    description:
      'response whose second Via is 255.255.255.255: well-formed; the forwarder must not broadcast',
    parse: 'ok',
    responseVerdict: null,
    inspect: (m) => {
      assert.equal(asResponse(m).status, 200);
      assert.equal(via(getHeaderValues(m, 'Via')[1]).host, '255.255.255.255');
    },
  },
  {
    name: 'zeromf',
    section: '3.3.11',
    description: 'OPTIONS with Max-Forwards 0: a UAS answers it (next row: forwarding gets 483)',
    parse: 'ok',
    verdict: null,
  },
  {
    name: 'zeromf',
    section: '3.3.11',
    description: 'the same request when it would be forwarded: 483 Too Many Hops',
    parse: 'ok',
    checkOptions: { forwarding: true },
    verdict: { status: 483, field: 'Max-Forwards' },
  },
  {
    name: 'cparam01',
    section: '3.3.12',
    description: 'Contact without <>: ;unknownparam is a header parameter, not a URI parameter',
    parse: 'ok',
    verdict: null,
    inspect: (m) => {
      const contact = headerAddr(m, 'Contact');
      assert.equal(contact.uri, 'sip:+19725552222@gw1.example.net');
      assert.equal(param(contact.params, 'unknownparam'), null);
    },
  },
  {
    name: 'cparam02',
    section: '3.3.13',
    description: 'Contact with <>: ;unknownparam is a URI parameter',
    parse: 'ok',
    verdict: null,
    inspect: (m) => {
      const contact = headerAddr(m, 'Contact');
      assert.deepEqual(contact.params, []);
      assert.equal(param(sipUri(contact.uri).params, 'unknownparam'), null);
    },
  },
  {
    name: 'regescrt',
    section: '3.3.14',
    description: 'Contact URI with an escaped Route header inside <>: valid, kept as a URI header',
    parse: 'ok',
    verdict: null,
    inspect: (m) => {
      const headers = sipUri(headerAddr(m, 'Contact').uri).headers;
      assert.equal(headers.length, 1);
      assert.equal(headers[0]![0], 'Route');
      assert.equal(unescapeUriPart(headers[0]![1]), '<sip:sip.example.com>');
    },
  },
  {
    name: 'sdp01',
    section: '3.3.15',
    description: 'offer whose Accept excludes SDP: passes these checks; the 406 is the offer/answer layer’s',
    parse: 'ok',
    verdict: null,
    inspect: (m) => assert.equal(getHeader(m, 'Accept'), 'text/nobodyKnowsThis'),
  },
  {
    name: 'inv2543',
    section: '3.4.1',
    description: 'RFC 2543 INVITE: no branch, no Max-Forwards, no tag, no Content-Length on UDP; accepted',
    parse: 'ok',
    verdict: null,
    inspect: (m) => {
      assert.equal(param(via(getHeader(m, 'Via')).params, 'branch'), undefined);
      assert.equal(getHeader(m, 'Max-Forwards'), undefined);
      assert.equal(m.body.length, 105);
    },
  },
];

describe('RFC 4475 §3.2–§3.4 semantically odd messages', () => {
  for (const row of rows) runRow('rfc4475', row);
});
