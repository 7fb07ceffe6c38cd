import assert from 'node:assert/strict';
import { it } from 'node:test';
import { parseListenSpec } from '../../../../sbc-engine/config/listen-spec.ts';

const cases: [string, object | RegExp][] = [
  ['udp:0.0.0.0:5060', { transport: 'udp', host: '0.0.0.0', port: 5060 }],
  ['TLS:[::1]', { transport: 'tls', host: '::1', port: 5061 }],
  ['tcp:sbc.example.com', { transport: 'tcp', host: 'sbc.example.com', port: 5060 }],
  ['sctp:0.0.0.0:5060', /expected udp/],
  ['udp:::1:5060', /brackets/],
];
for (const [text, expected] of cases) {
  it(`--sip ${text}`, () => {
    const result = parseListenSpec(text);
    if (expected instanceof RegExp) assert.ok(!result.ok && expected.test(result.error));
    else assert.deepEqual(result, { ok: true, value: expected });
  });
}
