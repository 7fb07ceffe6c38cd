import assert from 'node:assert/strict';
import { it } from 'node:test';
import { formatHostPort, parseHostPort } from '../../../../sbc-engine/config/host-port.ts';

const valid: [string, string, number][] = [
  ['sbc.example.com:8443', 'sbc.example.com', 8443],
  ['sbc.example.com', 'sbc.example.com', 8743],
  ['127.0.0.1:1', '127.0.0.1', 1],
  ['[::1]:8743', '::1', 8743],
  ['[fe80::1%eth0]', 'fe80::1%eth0', 8743],
  ['  host-1:65535 ', 'host-1', 65535],
];
for (const [text, host, port] of valid) {
  it(`parses ${text}`, () => {
    assert.deepEqual(parseHostPort(text, 8743), { ok: true, value: { host, port } });
  });
}

const invalid: [string, RegExp][] = [
  ['', /empty/],
  ['::1:8743', /brackets/],
  ['[::1', /closing/],
  ['host:port', /not a port/],
  ['host:70000', /out of range/],
  ['999.1.1.1:5', /not a host name/],
  ['bad_host!:5', /not a host name/],
  ['[::1]x', /":port"/],
];
for (const [text, reason] of invalid) {
  it(`rejects "${text}" with a reason`, () => {
    const result = parseHostPort(text, 8743);
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.error : '', reason);
  });
}

it('writes IPv6 addresses back in brackets', () => {
  assert.equal(formatHostPort({ host: '::1', port: 5 }), '[::1]:5');
  assert.equal(formatHostPort({ host: 'a.b', port: 5 }), 'a.b:5');
});

it('never throws on random input, and what it accepts survives a round trip', () => {
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const alphabet = 'ab1:[].%-_ 9\u0000\u00e4f:e';
  for (let i = 0; i < 20_000; i++) {
    const text = Array.from(
      { length: Math.floor(random() * 24) },
      () => alphabet[Math.floor(random() * alphabet.length)],
    ).join('');
    const result = parseHostPort(text, 8743);
    if (result.ok) assert.deepEqual(parseHostPort(formatHostPort(result.value)), result, text);
    else assert.ok(result.error.length > 0);
  }
});
