// The index gets its SIP fields from the vendor parsers: a syslog message with a SIP INVITE yields
// Call-ID, method, CSeq and the numbers the analyzer searches by; a plain line yields nothing.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { parseEnvelope } from '../../../../../electron/services/syslog/parse/envelope.ts';
import { sipIndexer } from '../../../../../electron/services/syslog/sip-indexer.ts';

function message(text: string) {
  const envelope = parseEnvelope(text, 0);
  return { envelope, text, msg: text.slice(envelope.msgStart), source: 'udp:127.0.0.1:40000', receivedAt: 0 };
}

const INVITE = [
  'INVITE sip:+4930123456@pbx.example.com SIP/2.0',
  'Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-index-1',
  'From: <sip:+4940987654@carrier.example.net>;tag=1',
  'To: <sip:+4930123456@pbx.example.com>',
  'Call-ID: index-test-1@192.0.2.10',
  'CSeq: 1 INVITE',
  'Max-Forwards: 70',
  'Content-Length: 0',
  '',
  '',
].join('\r\n');

it('indexes the SIP fields of a message that carries SIP', () => {
  const fields = sipIndexer.extract(
    message(`<134>1 2026-11-23T10:00:00.000Z sbc1 sbc-engine - SIP_TRACE - ${INVITE}`),
  );
  assert.equal(fields?.callId, 'index-test-1@192.0.2.10');
  assert.equal(fields?.method, 'INVITE');
  assert.equal(fields?.cseq, '1 INVITE');
  assert.deepEqual(fields?.numbers?.sort(), ['+4930123456', '+4940987654']);
});

it('indexes nothing SIP for a plain line', () => {
  assert.equal(sipIndexer.extract(message('<13>Nov 23 10:00:00 host app: disk almost full')), undefined);
});
