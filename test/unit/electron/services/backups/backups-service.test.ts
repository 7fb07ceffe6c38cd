import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { packBackup } from '../../../../../sbc-engine/backup/archive.ts';
import { summarizeBackup } from '../../../../../sbc-engine/backup/summary.ts';
import { openBackup } from '../../../../../sbc-engine/backup/archive.ts';
import {
  BackupsService,
  type EngineForwarder,
} from '../../../../../electron/services/backups/backups-service.ts';
import { ServiceError } from '../../../../../electron/services/service-error.ts';
import { MemoryStore } from '../../../../../electron/services/settings/settings-store.ts';
import { SECRET_MARKER } from '../../../../../sbc-engine/config/schema/index.ts';
import { sampleSource } from '../../../sbc-engine/backup/sample-source.ts';

const HOUR = 3_600_000;

describe('BackupsService', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'sbc-backups-'));
  after(() => rmSync(folder, { recursive: true, force: true }));
  const archive = await packBackup(await sampleSource());
  let exports = 0;
  let now = Date.parse('2026-03-01T00:00:00Z');
  const engines: EngineForwarder = {
    forward: (async (_id: string, name: string) => {
      assert.equal(name, 'backupExport');
      exports++;
      const summary = summarizeBackup(await openBackup(archive));
      const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
      return { archive: archive.toString('base64'), fileName: `sbc-berlin-${stamp}.sbcbackup`, size: archive.length, summary }; // prettier-ignore
    }) as EngineForwarder['forward'],
  };
  const service = new BackupsService({
    engines,
    store: new MemoryStore(),
    defaultFolder: folder,
    now: () => now,
  });

  it('saves an archive readable by the user only, and opens it offline with secrets hidden', async () => {
    const { file } = await service.create('engine-1');
    assert.equal(statSync(join(folder, file.name)).mode & 0o777, 0o600);
    const opened = await service.open({ name: file.name });
    assert.equal(opened.summary.engine.name, 'sbc-berlin');
    const connections = opened.config.connections as { registration?: { password: string } }[];
    assert.equal(connections[0]!.registration!.password, SECRET_MARKER);
    rmSync(join(folder, file.name));
  });

  it('refuses a name outside the backups folder', async () => {
    for (const name of ['../x.sbcbackup', '/etc/passwd', 'a/b.sbcbackup', 'notes.txt']) {
      await assert.rejects(
        service.open({ name }),
        (e: unknown) => e instanceof ServiceError && e.field === 'name',
      );
    }
  });

  it('makes scheduled backups when due and keeps only the newest `keep`', async () => {
    service.updateSettings({ schedule: { engineId: 'engine-1', intervalHours: 24, keep: 3 } });
    for (let day = 0; day < 5; day++) {
      await service.runDue();
      // The file's time is the clock's, as if the day had really passed.
      const newest = service.list().files.find((f) => f.scheduled)!;
      utimesSync(join(folder, newest.name), new Date(now), new Date(now));
      await service.runDue(); // not due again the same day
      now += 24 * HOUR;
    }
    assert.equal(exports, 6, 'one export per day (plus the manual one)');
    const scheduled = readdirSync(folder).filter((n) => n.startsWith('auto-'));
    assert.equal(scheduled.length, 3);
    assert.equal(service.settings().lastRun?.ok, true);
  });
});
