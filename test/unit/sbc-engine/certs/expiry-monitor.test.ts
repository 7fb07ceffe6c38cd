// Certificate expiry warnings on a fake clock: which threshold a certificate has reached, that each
// is reported once per day however often the store changes, and the wiring to a real store.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  createExpiryWarnings,
  expiryCertificates,
} from '../../../../sbc-engine/certs/expiry-monitor-runtime.ts';
import {
  DAY_MS,
  ExpiryMonitor,
  expiryFinding,
  type ExpiryCertificate,
  type ExpiryFinding,
} from '../../../../sbc-engine/certs/expiry-monitor.ts';
import { CertificatesService } from '../../../../sbc-engine/mgmt/certificates-service.ts';
import { FakeTimerHost } from '../../../../sbc-engine/sip/transaction/clock.ts';
import { createOpensslPki, daysFromNow, type OpensslPki } from '../../../helpers/openssl-pki.ts';
import { tempStore, type TempStore } from './store/fixtures.ts';

const START = Date.UTC(2026, 0, 10, 12);
const HOUR_MS = 3_600_000;

function cert(id: string, msLeft: number, now = START): ExpiryCertificate {
  return {
    id,
    label: `Teams SBC ${id}`,
    subject: 'O=Contoso, CN=sbc.contoso.com',
    notAfter: new Date(now + msLeft).toISOString(),
    fingerprint: `fp-${id}`,
  };
}

describe('thresholds', () => {
  for (const [msLeft, threshold, severity, daysLeft] of [
    [31 * DAY_MS + HOUR_MS, undefined, undefined, undefined],
    [31 * DAY_MS - HOUR_MS, '30d', 'warning', 30],
    [8 * DAY_MS, '30d', 'warning', 8],
    [8 * DAY_MS - 1, '7d', 'err', 7],
    [12 * HOUR_MS, '7d', 'err', 0],
    [0, '7d', 'err', 0],
    [-1, 'expired', 'crit', -1],
    [-10 * DAY_MS, 'expired', 'crit', -10],
  ] as const) {
    it(`${msLeft / DAY_MS} days left → ${threshold ?? 'nothing'}`, () => {
      const finding = expiryFinding(cert('a', msLeft), START);
      if (threshold === undefined) return assert.equal(finding, undefined);
      assert.deepEqual(
        { threshold: finding?.threshold, severity: finding?.severity, daysLeft: finding?.daysLeft },
        { threshold, severity, daysLeft },
      );
    });
  }

  it('names the certificate label, subject, days left and notAfter', () => {
    const soon = expiryFinding(cert('a', 20 * DAY_MS), START)!;
    assert.equal(
      soon.text,
      'certificate "Teams SBC a" (O=Contoso, CN=sbc.contoso.com) expires in 20 days, on 2026-01-30T12:00:00.000Z; renew it soon',
    );
    assert.match(
      expiryFinding(cert('a', 6 * HOUR_MS), START)!.text,
      /expires within a day, on .*; renew it now/,
    );
    assert.match(
      expiryFinding(cert('a', -DAY_MS), START)!.text,
      /^certificate "Teams SBC a" \(O=Contoso, CN=sbc\.contoso\.com\) expired on 2026-01-09T12:00:00\.000Z; TLS peers refuse it/,
    );
  });
});

function monitorOn(list: () => ExpiryCertificate[]) {
  const timers = new FakeTimerHost(START);
  const reports: ExpiryFinding[] = [];
  const errors: Error[] = [];
  const monitor = new ExpiryMonitor({
    certificates: list,
    clock: timers,
    timers,
    report: (finding) => reports.push(finding),
    onError: (error) => errors.push(error),
  });
  return { timers, reports, errors, monitor };
}

describe('the monitor', () => {
  it('warns at start, then once a day however often it is asked, up to and past expiry', () => {
    const certs = [cert('a', 20 * DAY_MS)];
    const { timers, reports, monitor } = monitorOn(() => certs);
    monitor.start();
    const perDay: string[] = [reports.map((r) => `${r.threshold}/${r.daysLeft}`).join(',')];
    for (let day = 1; day <= 22; day++) {
      reports.length = 0;
      timers.advance(DAY_MS);
      // Store changes during the day check again; they must not repeat today's warning.
      monitor.check();
      timers.advance(0);
      monitor.check();
      perDay.push(reports.map((r) => `${r.threshold}/${r.daysLeft}`).join(','));
    }
    assert.deepEqual(perDay, [
      '30d/20', '30d/19', '30d/18', '30d/17', '30d/16', '30d/15', '30d/14', '30d/13', '30d/12', '30d/11',
      '30d/10', '30d/9', '30d/8', '7d/7', '7d/6', '7d/5', '7d/4', '7d/3', '7d/2', '7d/1',
      '7d/0', 'expired/-1', 'expired/-2',
    ]); // prettier-ignore
  });

  it('reports a stronger threshold reached later the same day at once', () => {
    const certs = [cert('a', 8 * DAY_MS + HOUR_MS)];
    const { timers, reports, monitor } = monitorOn(() => certs);
    monitor.start();
    timers.advance(2 * HOUR_MS);
    monitor.check();
    assert.deepEqual(
      reports.map((r) => r.threshold),
      ['30d', '7d'],
    );
  });

  it('after a store change reports only what is new: an added or a renewed certificate', () => {
    const certs = [cert('a', 20 * DAY_MS)];
    const { reports, monitor } = monitorOn(() => certs);
    monitor.start();
    certs.push(cert('b', 3 * DAY_MS));
    assert.deepEqual(
      monitor.check().map((r) => r.certId),
      ['b'],
    );
    // Entry a gets a new leaf that is still short-lived: a new certificate, so a new warning.
    certs[0] = { ...cert('a', 25 * DAY_MS), fingerprint: 'fp-a-renewed' };
    assert.deepEqual(
      monitor.check().map((r) => `${r.certId}/${r.daysLeft}`),
      ['a/25'],
    );
    assert.equal(reports.length, 3);
  });

  it('survives a store that cannot be read, and keeps its daily check', () => {
    const { timers, errors, monitor } = monitorOn(() => {
      throw new Error('store.json is unreadable');
    });
    assert.doesNotThrow(() => monitor.start());
    assert.equal(errors.length, 1);
    timers.advance(DAY_MS);
    assert.equal(errors.length, 2);
    monitor.stop();
    assert.deepEqual(timers.scheduled(), []);
  });
});

describe('with the certificate store', () => {
  let pki: OpensslPki;
  let t: TempStore;
  before(() => {
    pki = createOpensslPki('ec');
    t = tempStore();
  });
  after(() => {
    pki.cleanup();
    t.cleanup();
  });

  it('hears of each change the certificate API makes, but not of reads or refused changes', async () => {
    let changes = 0;
    const service = new CertificatesService({
      store: t.store,
      sipTlsChoiceFile: join(t.dir, 'sip-tls.json'),
      sipTlsCertificateId: undefined,
      applySipTls: () => 0,
      resourcesDir: undefined,
      onChange: () => changes++,
    });
    const { id } = await service.createRequest({
      label: 'Pending',
      algorithm: 'ecdsa-p256',
      commonName: 'sbc.example.com',
      dnsNames: ['sbc.example.com'],
    });
    assert.equal(changes, 1);
    service.list();
    assert.throws(() => service.remove({ id: '0000000000000000' }));
    assert.equal(changes, 1);
    service.remove({ id });
    assert.equal(changes, 2);
  });

  it('checks own certificates with a leaf, and warns in the log after an import', () => {
    const leaf = pki.leaf({ commonName: 'sbc.example.com', notAfter: daysFromNow(20) });
    const pfx = pki.pkcs12('soon.p12', leaf, [pki.intermediate], 'secret');
    const lines: string[] = [];
    const warnings = createExpiryWarnings({
      store: t.store,
      clock: { now: () => Date.now() },
      log: (l) => lines.push(l),
    });
    warnings.start();
    assert.deepEqual(lines, [], 'an empty store has nothing to warn about');
    const { id } = t.store.importPkcs12('Teams SBC', readFileSync(pfx), 'secret');
    warnings.changed();
    warnings.stop();
    assert.deepEqual(
      expiryCertificates(t.store).map((c) => [c.id, c.label, c.subject]),
      [[id, 'Teams SBC', 'O=SBC Studio Tests, CN=sbc.example.com']],
    );
    assert.equal(lines.length, 1, lines.join('\n'));
    assert.match(
      lines[0]!,
      /^\[certs\] certificate "Teams SBC" \(O=SBC Studio Tests, CN=sbc\.example\.com\) expires in 19 days, on /,
    );
  });
});
