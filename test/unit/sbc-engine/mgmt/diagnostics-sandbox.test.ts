// An engine in the loopback sandbox (SBC_ENGINE_SANDBOX=loopback) probes only loopback addresses
// and asks its names of the sandbox's DNS server: a lab or a test never sends a probe off the machine.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { ProbeOptions } from '../../../../sbc-engine/diag/index.ts';
import { DiagnosticsService } from '../../../../sbc-engine/mgmt/diagnostics-service.ts';
import { MgmtError } from '../../../../sbc-engine/mgmt/errors.ts';

function service(calls: ProbeOptions[]) {
  return new DiagnosticsService({
    store: {
      trustedCaPems: () => [],
      tlsMaterial: () => ({ key: '', cert: '' }),
      list: () => ({ own: [], trustedCas: [] }),
    },
    sipTlsCertificateId: () => undefined,
    log: () => {},
    sandbox: { dnsServers: ['127.0.0.1:9'] },
    probe: async (options) => {
      calls.push(options);
      throw new Error('stop here: the options are what this test looks at');
    },
  } as ConstructorParameters<typeof DiagnosticsService>[0]);
}

const body = (target: string) => ({
  target,
  timeoutSeconds: 2,
  count: 1,
  trust: 'public' as const,
  clientCertificate: 'none' as const,
});

it('refuses an address outside loopback, naming the target, before any probe', async () => {
  const calls: ProbeOptions[] = [];
  await assert.rejects(
    service(calls).options(body('sip:192.0.2.10:5060'), 'test'),
    (error: unknown) =>
      error instanceof MgmtError && error.field === 'target' && /sandbox/.test(error.message),
  );
  assert.equal(calls.length, 0);
});

it('probes loopback, and asks names of the sandbox DNS server only', async () => {
  for (const target of ['sip:127.0.0.1:5060', 'sip:[::1]:5060', 'sips:sip.pstnhub.microsoft.com']) {
    const calls: ProbeOptions[] = [];
    await assert.rejects(service(calls).options(body(target), 'test'), /stop here/);
    assert.equal(calls.length, 1, target);
    assert.deepEqual(calls[0]!.dns, { servers: ['127.0.0.1:9'] }, target);
  }
});
