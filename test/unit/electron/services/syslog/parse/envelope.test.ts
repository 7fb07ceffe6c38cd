// The envelope parser on RFC 5424 and RFC 3164 examples and on what devices really send; fuzzed so
// that no input throws and MSG always lies inside the text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseEnvelope, type Envelope } from '../../../../../../electron/services/syslog/parse/envelope.ts';

// Receive time for BSD dates without a year: 2026-03-10 12:00 local.
const RECEIVED = new Date(2026, 2, 10, 12, 0, 0).getTime();

type Expect = Partial<Omit<Envelope, 'structuredData'>> & { msg?: string; sd?: string[] };

function check(text: string, expected: Expect): void {
  const envelope = parseEnvelope(text, RECEIVED);
  const { msg, sd, ...fields } = expected;
  for (const [key, value] of Object.entries(fields))
    assert.deepEqual(envelope[key as keyof Envelope], value, `${key} of ${JSON.stringify(text)}`);
  if (msg !== undefined) assert.equal(text.slice(envelope.msgStart), msg);
  if (sd !== undefined)
    assert.deepEqual(
      envelope.structuredData.map((element) => element.id),
      sd,
    );
}

describe('parseEnvelope', () => {
  const table: [string, string, Expect][] = [
    [
      'RFC 5424 §6.5 example 1 (no structured data)',
      "<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - \uFEFF'su root' failed for lonvick on /dev/pts/8",
      { format: 'rfc5424', facility: 4, severity: 2, time: Date.UTC(2003, 9, 11, 22, 14, 15, 3), host: 'mymachine.example.com', app: 'su', procId: undefined, msgId: 'ID47', msg: "'su root' failed for lonvick on /dev/pts/8" }, // prettier-ignore
    ],
    [
      'RFC 5424 §6.5 example 2 (microseconds, offset)',
      "<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - %% It's time to make the do-nuts.",
      { format: 'rfc5424', facility: 20, severity: 5, time: Date.UTC(2003, 7, 24, 12, 14, 15, 0), host: '192.0.2.1', app: 'myproc', procId: '8710', msgId: undefined, msg: "%% It's time to make the do-nuts." }, // prettier-ignore
    ],
    [
      'RFC 5424 §6.5 example 3 (structured data)',
      '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"] An application event log entry...',
      { format: 'rfc5424', sd: ['exampleSDID@32473'], msg: 'An application event log entry...' },
    ],
    [
      'RFC 5424 §6.5 example 4 (two elements, no MSG)',
      '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"][examplePriority@32473 class="high"]',
      { format: 'rfc5424', sd: ['exampleSDID@32473', 'examplePriority@32473'], msg: '' },
    ],
    [
      "the engine's CERT_EXPIRY with [meta sequenceId] and escapes",
      '<132>1 2026-03-10T09:00:00.412+01:00 sbc1.contoso.com sbc-engine 2817 CERT_EXPIRY [meta sequenceId="17"][sbc@32473 label="a \\"q\\" \\] b"] certificate expires',
      { format: 'rfc5424', severity: 4, facility: 16, sequenceId: 17, app: 'sbc-engine', procId: '2817', msgId: 'CERT_EXPIRY', time: Date.UTC(2026, 2, 10, 8, 0, 0, 412), sd: ['meta', 'sbc@32473'], msg: 'certificate expires' }, // prettier-ignore
    ],
    [
      'RFC 5424 with a multi-line SIP message as MSG',
      '<135>1 - sbc sbc-engine 1 SIP_TRACE [meta sequenceId="2"] INVITE sip:a@b SIP/2.0\r\nVia: x\r\n\r\n',
      {
        format: 'rfc5424',
        time: undefined,
        host: 'sbc',
        sequenceId: 2,
        msg: 'INVITE sip:a@b SIP/2.0\r\nVia: x\r\n\r\n',
      },
    ],
    [
      'RFC 5424 that ends after the header',
      '<13>1 2026-03-10T09:00:00Z host',
      { format: 'rfc5424', host: 'host', app: undefined, msg: '' },
    ],
    [
      'RFC 5424 with broken structured data keeps it in MSG',
      '<13>1 - h a - - [meta sequenceId="1 broken',
      {
        format: 'rfc5424',
        badStructuredData: true,
        sequenceId: undefined,
        msg: '[meta sequenceId="1 broken',
      },
    ],
    [
      'RFC 3164 §5.4 example',
      "<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8",
      { format: 'rfc3164', facility: 4, severity: 2, time: new Date(2025, 9, 11, 22, 14, 15).getTime(), host: 'mymachine', app: 'su', msg: "'su root' failed for lonvick on /dev/pts/8" }, // prettier-ignore
    ],
    [
      'RFC 3164 with pid and a space-padded day',
      '<13>Mar  1 08:00:01 pbx asterisk[1234]: NOTICE call rejected',
      { format: 'rfc3164', time: new Date(2026, 2, 1, 8, 0, 1).getTime(), host: 'pbx', app: 'asterisk', procId: '1234', msg: 'NOTICE call rejected' }, // prettier-ignore
    ],
    [
      'RFC 3164 without a host (the tag right after the date)',
      '<13>Mar 10 08:00:01 kernel: eth0 up',
      { format: 'rfc3164', host: undefined, app: 'kernel', msg: 'eth0 up' },
    ],
    [
      'BSD header with an ISO date (rsyslog "traditional" with RFC 3339)',
      '<30>2026-03-10T08:00:01.123456+01:00 gw1 kamailio[77]: INVITE from 192.0.2.1',
      { format: 'rfc3164', time: Date.UTC(2026, 2, 10, 7, 0, 1, 123), host: 'gw1', app: 'kamailio', procId: '77', msg: 'INVITE from 192.0.2.1' }, // prettier-ignore
    ],
    [
      'Cisco IOS: counter, unsynchronised clock, milliseconds and zone; the mnemonic as tag, as rsyslog reads it',
      '<189>123: *Mar  1 00:00:10.123 UTC: %SYS-5-CONFIG_I: Configured from console',
      { format: 'rfc3164', time: Date.UTC(2026, 2, 1, 0, 0, 10, 123), host: undefined, app: '%SYS-5-CONFIG_I', msg: 'Configured from console' }, // prettier-ignore
    ],
    [
      'Dec 31 read on Jan 1 belongs to the year before',
      '<13>Dec 31 23:59:59 h a: x',
      { time: new Date(2025, 11, 31, 23, 59, 59).getTime() },
    ],
    [
      'PRI and nothing recognisable: BSD with the rest as MSG',
      '<13>just some text',
      { format: 'rfc3164', severity: 5, time: undefined, msg: 'just some text' },
    ],
    ['no PRI, no date: unknown, all MSG', 'hello world', { format: 'unknown', msg: 'hello world' }],
    ['PRI over 191 is not a PRI', '<999>1 - - - - - - x', { format: 'unknown', facility: undefined, msg: '<999>1 - - - - - - x' }], // prettier-ignore
    ['empty', '', { format: 'unknown', msg: '' }],
    [
      'no PRI but a BSD date (a relay that forgot it)',
      'Mar 10 08:00:01 host app: text',
      { format: 'rfc3164', facility: undefined, host: 'host', app: 'app', msg: 'text' },
    ],
    [
      'odd date in RFC 5424 is left undefined, the rest still read',
      '<13>1 10/03/2026 host app 1 ID - text',
      { format: 'rfc5424', time: undefined, host: 'host', app: 'app', msgId: 'ID', msg: 'text' },
    ],
  ];
  for (const [name, text, expected] of table) it(name, () => check(text, expected));

  it('fuzz: never throws, MSG starts inside the text, mutated engine lines still parse', () => {
    let seed = 99;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const base = table.map(([, text]) => text);
    const alphabet = '<>[]"\\= -:0123456789TZ.+\r\nabc\u00e4\uFFFD';
    for (let i = 0; i < 5000; i++) {
      const chars = [...base[i % base.length]!];
      for (let k = Math.floor(random() * 6); k > 0; k--) {
        const at = Math.floor(random() * (chars.length + 1));
        const op = random();
        if (op < 0.4) chars.splice(at, 1);
        else if (op < 0.8) chars.splice(at, 0, alphabet[Math.floor(random() * alphabet.length)]!);
        else chars.splice(at, Math.floor(random() * 10));
      }
      const text = chars.join('');
      const envelope = parseEnvelope(text, RECEIVED);
      assert.ok(envelope.msgStart >= 0 && envelope.msgStart <= text.length, text);
      if (envelope.time !== undefined) assert.ok(Number.isFinite(envelope.time), text);
    }
  });
});
