// RFC 4475 §3.1.1: valid messages. Each parses, exposes what the RFC points out, round-trips.
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { countHeaderFields, getHeader, getHeaderValues } from '../../../../../sbc-engine/sip/headers.ts';
import { parseCSeq } from '../../../../../sbc-engine/sip/cseq.ts';
import { unescapeUriPart } from '../../../../../sbc-engine/sip/uri.ts';
import {
  asRequest,
  asResponse,
  fixture,
  headerAddr,
  nameAddr,
  param,
  runRow,
  sipUri,
  via,
  type TortureRow,
} from './torture-rows.ts';

const long = (s: string, n: number): string => s.repeat(n);

const rows: TortureRow[] = [
  {
    name: 'wsinv',
    section: '3.1.1.1',
    description: 'folding, LWS around separators, compact and long forms mixed, odd case, empty Subject',
    parse: 'ok',
    verdict: null,
    inspect: (m) => {
      const r = asRequest(m);
      assert.equal(r.method, 'INVITE');
      assert.equal(r.uri, 'sip:vivekg@chair-dnrc.example.com;unknownparam');
      const ruri = sipUri(r.uri);
      assert.equal(ruri.user, 'vivekg');
      assert.equal(ruri.host, 'chair-dnrc.example.com');
      assert.equal(param(ruri.params, 'unknownparam'), null);
      const to = headerAddr(m, 'To');
      assert.equal(to.uri, 'sip:vivekg@chair-dnrc.example.com');
      assert.equal(param(to.params, 'tag'), '1918181833n');
      const from = headerAddr(m, 'From');
      assert.equal(from.displayName, 'J Rosenberg \\"');
      assert.equal(param(from.params, 'tag'), '98asjd8');
      assert.equal(getHeader(m, 'Max-Forwards'), '0068');
      const cseq = parseCSeq(getHeader(m, 'CSeq')!);
      assert.ok(cseq.ok);
      assert.deepEqual(cseq.value, { seq: 9, method: 'INVITE' });
      const vias = getHeaderValues(m, 'Via').map(via);
      assert.deepEqual(
        vias.map((v) => [v.protocol, v.version, v.transport, v.host, param(v.params, 'branch')]),
        [
          ['SIP', '2.0', 'UDP', '192.0.2.2', '390skdjuw'],
          ['SIP', '2.0', 'TCP', 'spindle.example.com', 'z9hG4bK9ikj8'],
          ['SIP', '2.0', 'UDP', '192.168.255.111', 'z9hG4bK30239'],
        ],
      );
      assert.equal(getHeader(m, 'Subject'), '');
      assert.equal(getHeader(m, 'NewFangledHeader'), 'newfangled value continued newfangled value');
      assert.equal(getHeader(m, 'UnknownHeaderWithUnusualValue'), ';;,,;;,;');
      assert.equal(getHeaderValues(m, 'Route').length, 1);
      const contact = headerAddr(m, 'Contact');
      assert.equal(contact.displayName, 'Quoted string ""');
      assert.equal(contact.uri, 'sip:jdrosen@example.com');
      assert.equal(param(contact.params, 'newparam'), 'newvalue');
      assert.equal(param(contact.params, 'secondparam'), null);
      assert.equal(param(contact.params, 'q'), '0.33');
      assert.equal(m.body.length, 150);
    },
  },
  {
    name: 'intmeth',
    section: '3.1.1.2',
    description:
      'every token character in method, URI, branch, tag; quoted NUL/BEL/DEL; UTF-8 values; 501 at a UAS',
    parse: 'ok',
    verdict: { status: 501 },
    inspect: (m) => {
      const r = asRequest(m);
      assert.equal(r.method, "!interesting-Method0123456789_*+`.%indeed'~");
      const ruri = sipUri(r.uri);
      assert.equal(ruri.user, "1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*");
      assert.equal(ruri.password, "&it+has=1,weird!*pas$wo~d_too.(doesn't-it)");
      assert.equal(ruri.host, 'example.com');
      assert.equal(param(via(getHeader(m, 'Via')).params, 'branch'), "z9hG4bK-.!%66*_+`'~");
      assert.equal(headerAddr(m, 'To').displayName, 'BEL:\x07 NUL:\x00 DEL:\x7f');
      const from = headerAddr(m, 'From');
      assert.equal(from.uri, 'sip:mundane@example.com');
      assert.ok(String(param(from.params, "fromParam''~+*_!.-%")).includes('работающий'));
      assert.equal(param(from.params, 'tag'), "_token~1'+`*%!-.");
      assert.equal(getHeader(m, 'Call-ID'), 'intmeth.word%ZK-!.*_+\'@word`~)(><:\\/"][?}{');
      assert.equal(getHeader(m, 'Max-Forwards'), '255');
      // The value starts with U+FEFF: SIP's LWS is SP and HTAB only, so it is not trimmed away.
      assert.equal(getHeader(m, "extensionHeader-!.%*+_`'~"), '\uFEFF大停電');
    },
  },
  {
    name: 'esc01',
    section: '3.1.1.3',
    description: '%-escapes in user parts and URI parameters; equal to their unescaped forms',
    parse: 'ok',
    verdict: null,
    inspect: (m) => {
      const ruri = sipUri(asRequest(m).uri);
      assert.equal(ruri.user, 'sips%3Auser%40example.com');
      assert.equal(unescapeUriPart(ruri.user!), 'sips:user@example.com');
      assert.equal(ruri.host, 'example.net');
      assert.equal(unescapeUriPart(sipUri(headerAddr(m, 'To').uri).user!), 'user');
      assert.equal(unescapeUriPart(sipUri(headerAddr(m, 'From').uri).user!), 'I have spaces');
      assert.equal(getHeader(m, 'Call-ID'), 'esc01.239409asdfakjkn23onasd0-3234');
      assert.equal(getHeader(m, 'Content-Type'), 'application/sdp');
      const contact = sipUri(headerAddr(m, 'Contact').uri);
      assert.equal(unescapeUriPart(contact.user!), 'caller');
      const names = contact.params.map(([n]) => unescapeUriPart(n).toLowerCase());
      assert.deepEqual(names, ['lr', 'name']);
      assert.equal(unescapeUriPart(contact.params[1]![1]!), 'value%41');
    },
  },
  {
    name: 'escnull',
    section: '3.1.1.4',
    description: '%00 in user parts; the two Contacts (%00 and %00%00) stay distinct',
    parse: 'ok',
    verdict: null,
    inspect: (m) => {
      assert.equal(unescapeUriPart(sipUri(headerAddr(m, 'To').uri).user!), 'null-\x00-null');
      assert.equal(countHeaderFields(m, 'Contact'), 2);
      const users = getHeaderValues(m, 'Contact').map((c) => sipUri(nameAddr(c).uri).user);
      assert.deepEqual(users, ['%00', '%00%00']);
      assert.equal(getHeader(m, 'Content-Length'), '0');
    },
  },
  {
    name: 'esc02',
    section: '3.1.1.5',
    description: '% that is not an escape: method RE%47IST%45R is unknown (501), C%6Fntact is another header',
    parse: 'ok',
    verdict: { status: 501 },
    inspect: (m) => {
      assert.equal(asRequest(m).method, 'RE%47IST%45R');
      assert.equal(headerAddr(m, 'To').displayName, '%Z%45');
      assert.equal(param(via(getHeader(m, 'Via')).params, 'branch'), 'z9hG4bK209%fzsnel234');
      assert.deepEqual(
        getHeaderValues(m, 'Contact').map((c) => nameAddr(c).uri),
        ['sip:alias1@host1.example.com', 'sip:alias3@host3.example.com'],
      );
      assert.equal(getHeader(m, 'C%6Fntact'), '<sip:alias2@host2.example.com>');
    },
  },
  {
    name: 'lwsdisp',
    section: '3.1.1.6',
    description: 'token display name directly followed by <',
    parse: 'ok',
    verdict: null,
    inspect: (m) => {
      const from = headerAddr(m, 'From');
      assert.equal(from.displayName, 'caller');
      assert.equal(from.uri, 'sip:caller@example.com');
      assert.equal(param(from.params, 'tag'), '323');
    },
  },
  {
    name: 'longreq',
    section: '3.1.1.7',
    description: 'very long values, 34 Via fields in every case/spacing of the name',
    parse: 'ok',
    verdict: null,
    inspect: (m) => {
      const to = headerAddr(m, 'To');
      assert.equal(to.displayName, `I have a user name of ${long('extreme', 10)} proportion`);
      const toUri = sipUri(to.uri);
      assert.equal(toUri.port, 6000);
      assert.equal(param(toUri.params, 'unknownparam1'), `very${long('long', 20)}value`);
      assert.equal(param(toUri.params, `longparam${long('name', 25)}`), 'shortvalue');
      assert.equal(param(toUri.params, `very${long('long', 25)}ParameterNameWithNoValue`), null);
      const from = headerAddr(m, 'From');
      assert.equal(sipUri(from.uri).user, long('amazinglylongcallername', 5));
      assert.equal(param(from.params, 'tag'), `12${long('982', 50)}424`);
      assert.equal(getHeader(m, 'Call-ID'), `longreq.one${long('really', 20)}longcallid`);
      assert.equal(countHeaderFields(m, 'Via'), 34);
      const vias = getHeaderValues(m, 'Via').map(via);
      assert.equal(vias.length, 34);
      assert.equal(vias[0]!.host, 'sip33.example.com');
      const last = vias[33]!;
      assert.equal(param(last.params, 'received'), '192.0.2.5');
      assert.equal(param(last.params, 'branch'), `very${long('long', 50)}branchvalue`);
      assert.ok(getHeader(m, `Unknown-${long('Long', 20)}-Name`)?.startsWith('unknown-'));
      assert.equal(m.body.length, 150);
    },
  },
  {
    name: 'dblreq',
    section: '3.1.1.8',
    description: 'a datagram carrying a second request after Content-Length 0: only the REGISTER counts',
    parse: 'ok',
    verdict: null,
    inspect: (m) => {
      assert.equal(asRequest(m).method, 'REGISTER');
      assert.equal(getHeader(m, 'Call-ID'), 'dblreq.0ha0isndaksdj99sdfafnl3lk233412');
      assert.equal(m.body.length, 0);
    },
  },
  {
    name: 'semiuri',
    section: '3.1.1.9',
    description: 'semicolons inside the user part belong to the user, not to URI parameters',
    parse: 'ok',
    verdict: null,
    inspect: (m) => {
      const ruri = sipUri(asRequest(m).uri);
      assert.equal(ruri.user, 'user;par=u%40example.net');
      assert.equal(ruri.host, 'example.com');
      assert.deepEqual(ruri.params, []);
      assert.equal(
        getHeader(m, 'Accept'),
        'application/sdp, application/pkcs7-mime, multipart/mixed, multipart/signed, message/sip, message/sipfrag',
      );
    },
  },
  {
    name: 'transports',
    section: '3.1.1.10',
    description: 'UDP, SCTP, TLS, an unknown transport and TCP in Via',
    parse: 'ok',
    verdict: null,
    inspect: (m) => {
      assert.deepEqual(
        getHeaderValues(m, 'Via').map((v) => via(v).transport),
        ['UDP', 'SCTP', 'TLS', 'UNKNOWN', 'TCP'],
      );
      assert.equal(getHeader(m, 'Call-ID'), 'transports.kijh4akdnaqjkwendsasfdj');
    },
  },
  {
    name: 'mpart01',
    section: '3.1.1.11',
    description: 'multipart body with a binary part holding NUL and bare CR/LF octets, kept bit-exact',
    parse: 'ok',
    verdict: null,
    inspect: (m) => {
      assert.equal(asRequest(m).method, 'MESSAGE');
      assert.equal(getHeader(m, 'Content-Type'), 'multipart/mixed;boundary=7a9cbec02ceef655');
      const raw = fixture('rfc4475', 'mpart01');
      assert.equal(m.body.length, 553);
      assert.deepEqual(Buffer.from(m.body), raw.subarray(raw.length - 553));
      assert.ok(m.body.includes(0));
    },
  },
  {
    name: 'unreason',
    section: '3.1.1.12',
    description: 'UTF-8 reason phrase with spaces and punctuation',
    parse: 'ok',
    responseVerdict: null,
    inspect: (m) => {
      const r = asResponse(m);
      assert.equal(r.status, 200);
      assert.equal(r.reason, '= 2**3 * 5**2 но сто девяносто девять - простое');
      assert.equal(m.body.length, 154);
    },
  },
  {
    name: 'noreason',
    section: '3.1.1.13',
    description: 'empty reason phrase after the mandatory space',
    parse: 'ok',
    responseVerdict: null,
    inspect: (m) => {
      const r = asResponse(m);
      assert.equal(r.status, 100);
      assert.equal(r.reason, '');
    },
  },
];

describe('RFC 4475 §3.1.1 valid messages', () => {
  for (const row of rows) runRow('rfc4475', row);
});
