import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  portOf,
  formatDateTime,
  formatSocket,
  formatUptime,
  uptimeParts,
} from '../../../../../renderer/pages/engines/format.ts';

const unit = (name: string, count: number) => `${count}${name[0]}`;

describe('uptime', () => {
  it('splits seconds into days, hours, minutes, seconds', () => {
    assert.deepEqual(uptimeParts(90_061), { days: 1, hours: 1, minutes: 1, seconds: 1 });
  });

  const table: [number, string][] = [
    [0, '0s'],
    [59, '59s'],
    [61, '1m 1s'],
    [3600, '1h'],
    [3661, '1h 1m'],
    [86_400 * 3 + 3600 * 4 + 300, '3d 4h'],
    [86_400 + 59, '1d'],
    [-5, '0s'],
    [Number.NaN, '0s'],
    [12.9, '12s'],
  ];
  for (const [seconds, text] of table) {
    it(`${seconds} s → "${text}"`, () => assert.equal(formatUptime(seconds, unit), text));
  }
});

describe('formatDateTime', () => {
  it('writes the date in the UI language', () => {
    const iso = '2025-03-04T05:06:07Z';
    assert.match(formatDateTime(iso, 'de'), /2025/);
    assert.notEqual(formatDateTime(iso, 'de'), formatDateTime(iso, 'en'));
  });

  it('shows text it cannot parse as it is', () => {
    assert.equal(formatDateTime('soon', 'en'), 'soon');
  });
});

describe('formatSocket', () => {
  it('writes IPv4 plainly and IPv6 in brackets', () => {
    assert.equal(formatSocket({ transport: 'udp', host: '0.0.0.0', port: 5060 }), 'UDP 0.0.0.0:5060');
    assert.equal(formatSocket({ transport: 'tls', host: '::1', port: 5061 }), 'TLS [::1]:5061');
  });
});

describe('portOf', () => {
  it('reads the port of the addresses the engine list shows', () => {
    assert.equal(portOf('127.0.0.1:18743'), 18743);
    assert.equal(portOf('[::1]:5443'), 5443);
    assert.equal(portOf('sbc.example.com'), undefined);
  });
});
