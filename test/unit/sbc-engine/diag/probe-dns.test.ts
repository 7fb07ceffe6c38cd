// Server location failures end the probe before any socket opens: the DNS verdicts, with an
// in-memory zone (no query leaves the process).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { probeOptions, ProbeInputError } from '../../../../sbc-engine/diag/index.ts';
import { createFakeResolver } from '../../../../sbc-engine/sip/locate/fake-resolver.ts';

const zone = createFakeResolver({
  a: { 'sbc.example.com': ['127.0.0.1'] },
  srv: {
    '_sips._tcp.dangling.example.com': [{ priority: 1, weight: 1, port: 5061, target: 'gone.example.com' }],
  },
  errors: { 'A broken.example.com': 'servfail' },
});

describe('probeOptions: DNS', () => {
  it('a name that does not exist is DNS_NXDOMAIN, critical', async () => {
    const result = await probeOptions({ target: 'sip:nosuch.example.com:5060', dns: zone });
    assert.equal(result.diagnosis.code, 'DNS_NXDOMAIN');
    assert.equal(result.severity, 'critical');
    assert.match(result.diagnosis.message, /nosuch\.example\.com does not exist/);
    assert.deepEqual(result.attempts, []);
  });

  it('an SRV record pointing at a missing host names that host', async () => {
    const result = await probeOptions({ target: 'sips:dangling.example.com', dns: zone });
    assert.equal(result.diagnosis.code, 'DNS_NXDOMAIN');
    assert.match(result.diagnosis.message, /gone\.example\.com does not exist/);
  });

  it('a failing DNS server is DNS_FAILURE', async () => {
    const result = await probeOptions({ target: 'sip:broken.example.com:5060', dns: zone });
    assert.equal(result.diagnosis.code, 'DNS_FAILURE');
  });

  it('bad options are refused before anything is sent, naming the field', async () => {
    const cases: [Parameters<typeof probeOptions>[0], string][] = [
      [{ target: 'sip:sbc.example.com', count: 0 }, 'count'],
      [{ target: 'sip:sbc.example.com', timeoutMs: -1 }, 'timeout'],
      [{ target: 'sip:sbc.example.com', caPems: ['not a certificate'] }, 'ca'],
      [{ target: 'sip:sbc.example.com', clientCertificate: { certChain: 'x', key: 'y' } }, 'cert'],
    ];
    for (const [options, field] of cases)
      await assert.rejects(probeOptions({ ...options, dns: zone }), (e: unknown) => e instanceof ProbeInputError && e.field === field);
  }); // prettier-ignore
});
