// The engine's RFC 5424 output, byte for byte: what a receiver (rsyslog, SBC Studio's own) parses.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { certExpiryEvent, type SyslogEvent } from '../../../../sbc-engine/syslog/events.ts';
import {
  encodeSyslogMessage,
  formatTimestamp,
  type SyslogOrigin,
} from '../../../../sbc-engine/syslog/format.ts';
import { MAX_SEQUENCE_ID, SequenceCounter } from '../../../../sbc-engine/syslog/sequence.ts';
import {
  SyslogFormatError,
  escapeParamValue,
  privateSdId,
} from '../../../../sbc-engine/syslog/structured-data.ts';
import { seededRandom } from '../../../helpers/mutate.ts';
import { parseRfc5424, sdParams } from '../../../helpers/rfc5424-parser.ts';

const ORIGIN: SyslogOrigin = {
  hostname: 'sbc1.example.com',
  procId: '4242',
  enterpriseNumber: '32473',
  facility: 'local0',
};

function text(origin: SyslogOrigin, event: SyslogEvent, time: number, offset: number, seq: number): string {
  return encodeSyslogMessage(origin, event, {
    time,
    utcOffsetMinutes: offset,
    sequenceId: seq,
  }).bytes.toString('utf8');
}

describe('golden messages', () => {
  it('a certificate expiry warning', () => {
    const event = certExpiryEvent({
      threshold: '30d',
      severity: 'warning',
      certId: '0123456789abcdef',
      label: 'Teams SBC',
      subject: 'O=Contoso, CN=sbc.contoso.com',
      notAfter: '2026-02-04T09:30:00.000Z',
      daysLeft: 20,
      text: 'certificate "Teams SBC" (O=Contoso, CN=sbc.contoso.com) expires in 20 days, on 2026-02-04T09:30:00.000Z; renew it soon',
    });
    assert.equal(
      text(ORIGIN, event, Date.UTC(2026, 0, 15, 9, 30, 0, 123), 60, 1),
      '<132>1 2026-01-15T10:30:00.123+01:00 sbc1.example.com sbc-engine 4242 CERT_EXPIRY ' +
        '[meta sequenceId="1"][sbc@32473 certId="0123456789abcdef" label="Teams SBC" ' +
        'subject="O=Contoso, CN=sbc.contoso.com" notAfter="2026-02-04T09:30:00.000Z" daysLeft="20" threshold="30d"] ' +
        'certificate "Teams SBC" (O=Contoso, CN=sbc.contoso.com) expires in 20 days, on 2026-02-04T09:30:00.000Z; renew it soon',
    );
  });

  it('a SIP trace line: call context first, a negative offset, CRLFs kept in MSG', () => {
    const event: SyslogEvent = {
      msgId: 'SIP_TRACE',
      severity: 'info',
      call: { callId: 'a84b4c76e66710@pc33.atlanta.com', leg: 'a', dir: 'in', peer: 'udp:192.0.2.10:5060' },
      params: { method: 'INVITE', cseq: '314159 INVITE' },
      msg: 'INVITE sip:bob@biloxi.com SIP/2.0\r\nCall-ID: a84b4c76e66710@pc33.atlanta.com\r\n\r\n',
    };
    assert.equal(
      text(ORIGIN, event, Date.UTC(2026, 6, 1, 0, 0, 0, 5), -330, 77),
      '<134>1 2026-06-30T18:30:00.005-05:30 sbc1.example.com sbc-engine 4242 SIP_TRACE ' +
        '[meta sequenceId="77"][sbc@32473 callId="a84b4c76e66710@pc33.atlanta.com" leg="a" dir="in" ' +
        'peer="udp:192.0.2.10:5060" method="INVITE" cseq="314159 INVITE"] ' +
        'INVITE sip:bob@biloxi.com SIP/2.0\r\nCall-ID: a84b4c76e66710@pc33.atlanta.com\r\n\r\n',
    );
  });

  it('NILVALUE for a missing host name and process id, Z for UTC, no MSG part without text', () => {
    const event: SyslogEvent = {
      msgId: 'OPTIONS_STATE',
      severity: 'notice',
      params: {
        connection: 'Teams',
        target: 'tls:sip.pstnhub.microsoft.com:5061',
        state: 'up',
        code: 200,
        rttMs: 23,
      },
    };
    const origin: SyslogOrigin = { enterpriseNumber: '32473', facility: 'local7' };
    assert.equal(
      text(origin, event, Date.UTC(2026, 2, 1, 12), 0, MAX_SEQUENCE_ID),
      '<189>1 2026-03-01T12:00:00.000Z - sbc-engine - OPTIONS_STATE [meta sequenceId="2147483647"]' +
        '[sbc@32473 connection="Teams" target="tls:sip.pstnhub.microsoft.com:5061" state="up" code="200" rttMs="23"]',
    );
  });

  it('leaves the private element out when there is nothing to put in it', () => {
    const line = text(ORIGIN, { msgId: 'CALL_END', severity: 'info', msg: 'x' }, 0, 0, 5);
    assert.equal(
      line,
      '<134>1 1970-01-01T00:00:00.000Z sbc1.example.com sbc-engine 4242 CALL_END [meta sequenceId="5"] x',
    );
  });
});

describe('header fields', () => {
  it('writes an unknown time as NILVALUE', () => {
    assert.equal(formatTimestamp(Number.NaN, 0), '-');
    assert.equal(formatTimestamp(Date.UTC(2026, 0, 1), 24 * 60), '-');
  });

  it('replaces characters a header field may not hold and keeps the field length limits', () => {
    const origin: SyslogOrigin = { ...ORIGIN, hostname: 'büro pc', procId: '1'.repeat(200) };
    const parsed = parseRfc5424(
      encodeSyslogMessage(
        origin,
        { msgId: 'CALL_START', severity: 'info' },
        {
          time: 0,
          utcOffsetMinutes: 0,
          sequenceId: 1,
        },
      ).bytes,
    );
    assert.equal(parsed.hostname, 'b_ro_pc');
    assert.equal(parsed.procId, '1'.repeat(128));
  });
});

describe('SD-PARAM values and names', () => {
  for (const [value, escaped] of [
    ['plain', 'plain'],
    ['say "hi"', 'say \\"hi\\"'],
    ['C:\\certs', 'C:\\\\certs'],
    ['[x]', '[x\\]'],
    ['\\"]', '\\\\\\"\\]'],
    ['= and spaces stay', '= and spaces stay'],
    ['Grüße € 😀', 'Grüße € 😀'],
  ]) {
    it(`escapes ${JSON.stringify(value)}`, () => {
      assert.equal(escapeParamValue(value!), escaped);
      const event: SyslogEvent = { msgId: 'CALL_START', severity: 'info', params: { v: value } };
      const bytes = encodeSyslogMessage(ORIGIN, event, { time: 0, utcOffsetMinutes: 0, sequenceId: 1 }).bytes;
      assert.equal(sdParams(parseRfc5424(bytes), 'sbc@32473')?.v, value);
    });
  }

  for (const name of ['', 'a=b', 'a b', 'a]', 'a"b', 'x'.repeat(33), 'größe', 'tab\there', 'nul\u0000']) {
    it(`refuses the PARAM-NAME ${JSON.stringify(name)}, naming it`, () => {
      const event: SyslogEvent = { msgId: 'CALL_START', severity: 'info', params: { [name]: '1' } };
      assert.throws(
        () => encodeSyslogMessage(ORIGIN, event, { time: 0, utcOffsetMinutes: 0, sequenceId: 1 }),
        (error: Error) => error instanceof SyslogFormatError && error.message.includes('PARAM-NAME'),
      );
    });
  }

  it('refuses a param that would repeat one of the call context', () => {
    const event: SyslogEvent = {
      msgId: 'CALL_START',
      severity: 'info',
      call: { callId: 'x' },
      params: { callId: 'y' },
    };
    assert.throws(
      () => encodeSyslogMessage(ORIGIN, event, { time: 0, utcOffsetMinutes: 0, sequenceId: 1 }),
      /PARAM-NAME "callId" appears twice/,
    );
  });

  for (const pen of ['', 'acme', '32473.', '.1', '32 473', '1'.repeat(40)]) {
    it(`refuses the enterprise number ${JSON.stringify(pen)}`, () => {
      assert.throws(() => privateSdId('sbc', pen), SyslogFormatError);
    });
  }

  it('accepts an enterprise number with sub-identifiers (RFC 5424 §7.2.2)', () => {
    assert.equal(privateSdId('sbc', '32473.1.2'), 'sbc@32473.1.2');
  });
});

describe('meta sequenceId', () => {
  it('counts from 1 and wraps from 2147483647 to 1 (RFC 5424 §7.3.1)', () => {
    const counter = new SequenceCounter(MAX_SEQUENCE_ID - 2);
    assert.deepEqual(
      [counter.next(), counter.next(), counter.next(), counter.next()],
      [MAX_SEQUENCE_ID - 1, MAX_SEQUENCE_ID, 1, 2],
    );
    assert.equal(new SequenceCounter().next(), 1);
  });
});

describe('truncation to a size limit', () => {
  const msg = 'Grüße aus Köln € 😀 '.repeat(20);
  const event: SyslogEvent = { msgId: 'SIP_TRACE', severity: 'info', call: { callId: 'c1' }, msg };
  const stamp = { time: Date.UTC(2026, 0, 1), utcOffsetMinutes: 0, sequenceId: 9 };
  const full = encodeSyslogMessage(ORIGIN, event, stamp).bytes.length;
  const msgBytes = Buffer.byteLength(msg);

  it('leaves a message that fits alone', () => {
    const encoded = encodeSyslogMessage(ORIGIN, event, stamp, full);
    assert.equal(encoded.truncatedFrom, undefined);
    assert.equal(parseRfc5424(encoded.bytes).msg, msg);
  });

  it('cuts MSG at a character boundary at every limit, and says how long it was', () => {
    let limits = 0;
    for (let max = full - 1; max > 0; max--) {
      let encoded;
      try {
        encoded = encodeSyslogMessage(ORIGIN, event, stamp, max);
      } catch (error) {
        // Below the header and structured data (with truncated="...") nothing can be sent.
        assert.ok(error instanceof SyslogFormatError);
        break;
      }
      limits++;
      assert.ok(encoded.bytes.length <= max, `limit ${max}: ${encoded.bytes.length} bytes`);
      // The fatal UTF-8 decoder inside the parser refuses a split character.
      const parsed = parseRfc5424(encoded.bytes);
      assert.equal(encoded.truncatedFrom, msgBytes);
      assert.equal(sdParams(parsed, 'sbc@32473')?.truncated, String(msgBytes));
      assert.equal(sdParams(parsed, 'sbc@32473')?.callId, 'c1');
      assert.ok(msg.startsWith(parsed.msg ?? ''), `limit ${max}: MSG is not a prefix of the original`);
      // At most one character (4 bytes) of room is left unused.
      assert.ok(max - encoded.bytes.length < 4 + 1, `limit ${max}: ${encoded.bytes.length} bytes used`);
    }
    assert.ok(limits >= msgBytes - 20, `only ${limits} limits tried`);
  });

  it('refuses a message whose header and structured data alone are over the limit', () => {
    assert.throws(() => encodeSyslogMessage(ORIGIN, event, stamp, 60), /over the limit of 60/);
  });
});

describe('fuzz: random SD values and MSGs always parse back', () => {
  const random = seededRandom(5424);
  const pool = [
    '"',
    '\\',
    ']',
    '[',
    '=',
    ' ',
    '\r',
    '\n',
    '\t',
    'a',
    'Z',
    '0',
    'ü',
    '€',
    '😀',
    '\u0000',
    '\u2028',
    '-',
  ];
  function randomText(max: number): string {
    const length = Math.floor(random() * max);
    let out = '';
    for (let i = 0; i < length; i++) {
      out +=
        random() < 0.7
          ? pool[Math.floor(random() * pool.length)]!
          : String.fromCodePoint(0x20 + Math.floor(random() * 0xd700));
    }
    return out;
  }

  it('2,000 messages round-trip through the parser', () => {
    for (let run = 0; run < 2000; run++) {
      const params: Record<string, string> = {};
      const count = Math.floor(random() * 5);
      for (let i = 0; i < count; i++) params[`p${i}`] = randomText(40);
      const event: SyslogEvent = {
        msgId: 'CALL_END',
        severity: 'info',
        call: { callId: randomText(30), peer: randomText(10) },
        params,
        msg: randomText(60),
      };
      const max = random() < 0.3 ? 200 + Math.floor(random() * 200) : Infinity;
      const stamp = { time: Math.floor(random() * 4e12), utcOffsetMinutes: Math.floor(random() * 1439) - 719, sequenceId: run + 1 }; // prettier-ignore
      let encoded;
      try {
        encoded = encodeSyslogMessage(ORIGIN, event, stamp, max);
      } catch (error) {
        assert.ok(error instanceof SyslogFormatError, String(error));
        continue;
      }
      const parsed = parseRfc5424(encoded.bytes);
      const sd = sdParams(parsed, 'sbc@32473')!;
      assert.equal(sdParams(parsed, 'meta')?.sequenceId, String(run + 1));
      assert.equal(sd.callId ?? '', event.call!.callId);
      assert.equal(sd.peer ?? '', event.call!.peer);
      for (const [name, value] of Object.entries(params)) assert.equal(sd[name], value, `run ${run} ${name}`);
      if (encoded.truncatedFrom === undefined) assert.equal(parsed.msg ?? '', event.msg);
      else assert.ok(event.msg!.startsWith(parsed.msg ?? ''));
    }
  });
});
