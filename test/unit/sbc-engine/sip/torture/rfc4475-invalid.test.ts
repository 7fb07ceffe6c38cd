// RFC 4475 §3.1.2: invalid messages. Framing errors are the parser's to reject (with the line
// and field); value errors parse and get the RFC's status from the UAS checks. Where the RFC also
// allows being liberal, an SBC rejects: it must not forward a malformed field it did not repair.
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { parseNameAddr } from '../../../../../sbc-engine/sip/address.ts';
import { getHeader } from '../../../../../sbc-engine/sip/headers.ts';
import { asRequest, runRow, type TortureRow } from './torture-rows.ts';

const rows: TortureRow[] = [
  {
    name: 'badinv01',
    section: '3.1.2.1',
    description: 'empty ;;,;,, in Via (and ;;;; in Contact): parses, 400 for Via',
    parse: 'ok',
    verdict: { status: 400, field: 'Via' },
  },
  {
    name: 'clerr',
    section: '3.1.2.2',
    description: 'Content-Length 9999 over a short datagram body: rejected at the Content-Length line',
    parse: 'reject',
    error: { line: 10, field: 'Content-Length' },
  },
  {
    name: 'clerr',
    section: '3.1.2.2',
    description: 'the same bytes on a stream: incomplete, so no message is produced from them',
    transport: 'stream',
    parse: 'reject',
    error: { field: 'Content-Length' },
  },
  {
    name: 'ncl',
    section: '3.1.2.3',
    description: 'negative Content-Length: a framing error, rejected at its line',
    parse: 'reject',
    error: { line: 10, field: 'Content-Length' },
  },
  {
    name: 'scalar02',
    section: '3.1.2.4',
    description: 'CSeq beyond 2^31, Max-Forwards 300, huge Expires: 400, the CSeq fault decides',
    parse: 'ok',
    verdict: { status: 400, field: 'CSeq' },
  },
  {
    name: 'scalarlg',
    section: '3.1.2.5',
    description: 'response with an oversized CSeq, Retry-After and warn-code: the client drops it',
    parse: 'ok',
    responseVerdict: { field: ['CSeq', 'Retry-After', 'Warning'] },
  },
  {
    name: 'quotbal',
    section: '3.1.2.6',
    description: 'unterminated quoted display name in To: 400 for To (no guessing where the quote ends)',
    parse: 'ok',
    verdict: { status: 400, field: 'To' },
    inspect: (m) => assert.equal(parseNameAddr(getHeader(m, 'To')!).ok, false),
  },
  {
    name: 'ltgtruri',
    section: '3.1.2.7',
    description: 'Request-URI inside <>: the request line is rejected',
    parse: 'reject',
    error: { line: 1 },
  },
  {
    name: 'lwsruri',
    section: '3.1.2.8',
    description: 'space inside the Request-URI: the request line is rejected',
    parse: 'reject',
    error: { line: 1 },
  },
  {
    name: 'lwsstart',
    section: '3.1.2.9',
    description: 'two spaces between request-line elements: rejected (the RFC allows it)',
    parse: 'reject',
    error: { line: 1 },
  },
  {
    name: 'trws',
    section: '3.1.2.10',
    description: 'spaces after SIP/2.0 on the request line: rejected (the RFC allows it)',
    parse: 'reject',
    error: { line: 1 },
  },
  {
    name: 'escruri',
    section: '3.1.2.11',
    description: 'escaped headers in the Request-URI: 400, never turned into real headers',
    parse: 'ok',
    verdict: { status: 400, field: 'Request-URI' },
  },
  {
    name: 'baddate',
    section: '3.1.2.12',
    description: 'non-GMT Date: passed on, since the RFC says not to reject unless the element uses Date',
    parse: 'ok',
    verdict: null,
    inspect: (m) => assert.equal(getHeader(m, 'Date'), 'Fri, 01 Jan 2010 16:00:00 EST'),
  },
  {
    name: 'regbadct',
    section: '3.1.2.13',
    description: 'Contact URI with ?headers but without <>: 400 for Contact rather than guessing brackets',
    parse: 'ok',
    verdict: { status: 400, field: 'Contact' },
  },
  {
    name: 'badaspec',
    section: '3.1.2.14',
    description: 'spaces inside <> in To: 400 for To rather than ignoring them',
    parse: 'ok',
    verdict: { status: 400, field: 'To' },
  },
  {
    name: 'baddn',
    section: '3.1.2.15',
    description: 'the RFC bytes end without the empty line: framing rejected (display names: next row)',
    parse: 'reject',
  },
  {
    name: 'baddn',
    section: '3.1.2.15',
    description: 'with the empty line added, unquoted display names with commas get 400 for To/From',
    prepare: (bytes) => Buffer.concat([bytes, Buffer.from('\r\n')]),
    parse: 'ok',
    verdict: { status: 400, field: ['To', 'From'] },
  },
  {
    name: 'badvers',
    section: '3.1.2.16',
    description: 'SIP/7.0: parses, 505 Version Not Supported',
    parse: 'ok',
    verdict: { status: 505 },
    inspect: (m) => assert.equal(asRequest(m).version, 'SIP/7.0'),
  },
  {
    name: 'mismatch01',
    section: '3.1.2.17',
    description: 'OPTIONS with CSeq method INVITE: 400 for CSeq',
    parse: 'ok',
    verdict: { status: 400, field: 'CSeq' },
  },
  {
    name: 'mismatch02',
    section: '3.1.2.18',
    description: 'unknown method and a mismatched CSeq: 501, which the RFC prefers over 400',
    parse: 'ok',
    verdict: { status: 501 },
  },
  {
    name: 'bigcode',
    section: '3.1.2.19',
    description: 'status code 4294967301: the status line is rejected, the response dropped',
    parse: 'reject',
    error: { line: 1 },
  },
];

describe('RFC 4475 §3.1.2 invalid messages', () => {
  for (const row of rows) runRow('rfc4475', row);
});
