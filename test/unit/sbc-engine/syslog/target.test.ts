import assert from 'node:assert/strict';
import { it } from 'node:test';
import { formatSyslogTarget, parseSyslogTarget } from '../../../../sbc-engine/syslog/target.ts';

it('reads the targets admins type', () => {
  for (const [text, transport, host, port] of [
    ['udp:127.0.0.1:5514', 'udp', '127.0.0.1', 5514],
    ['tcp:[::1]:6514', 'tcp', '::1', 6514],
    ['TCP:logs.example.com:1514', 'tcp', 'logs.example.com', 1514],
    ['udp:10.0.0.5', 'udp', '10.0.0.5', 514],
  ] as const) {
    assert.deepEqual(parseSyslogTarget(text), { ok: true, value: { transport, host, port } }, text);
  }
  assert.equal(formatSyslogTarget({ transport: 'tcp', host: '::1', port: 6514 }), 'tcp:[::1]:6514');
});

it('refuses what it cannot send to, saying why', () => {
  for (const [text, reason] of [
    ['tls:127.0.0.1:6514', /expected udp:HOST:PORT or tcp:HOST:PORT/],
    ['127.0.0.1:514', /expected udp:HOST:PORT/],
    ['udp:::1:514', /IPv6 addresses in brackets/],
    ['udp:127.0.0.1:0', /port 0/],
    ['tcp:127.0.0.1:70000', /out of range/],
  ] as const) {
    const result = parseSyslogTarget(text);
    assert.equal(result.ok, false, text);
    if (!result.ok) assert.match(result.error, reason, text);
  }
});
