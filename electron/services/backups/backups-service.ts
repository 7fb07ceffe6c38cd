// Backups as the app keeps them: archives from connected engines saved into one folder, opened
// offline (no engine needed), compared, restored onto an engine through its preview and its apply
// with confirmation, and made on a schedule with rotation. Archives are read and checked here with
// the engine's own library (sbc-engine/backup/); engines are reached only through EnginesService.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { openBackup, type OpenedBackup } from '../../../sbc-engine/backup/archive.ts';
import { repackWithConfig } from '../../../sbc-engine/backup/repack.ts';
import { diffBackups, type BackupDiff } from '../../../sbc-engine/backup/diff.ts';
import { BackupError } from '../../../sbc-engine/backup/errors.ts';
import { summarizeBackup, type BackupSummary } from '../../../sbc-engine/backup/summary.ts';
import { redactSecrets, type Config } from '../../../sbc-engine/config/schema/index.ts';
import type { MgmtBody, MgmtResponse, MgmtRouteName } from '../../../sbc-engine/mgmt/contract.ts';
import { ServiceError } from '../service-error.ts';
import type { SettingsStore } from '../settings/settings-store.ts';

const SETTINGS_KEY = 'backups';
const EXTENSION = '.sbcbackup';
const AUTO_PREFIX = 'auto-';
export const SCHEDULE_CHECK_MS = 60_000;

export interface BackupSchedule {
  /** The engine backed up; null: no scheduled backups. */
  engineId: string | null;
  intervalHours: number;
  /** How many scheduled archives of that engine are kept; older ones are deleted. */
  keep: number;
}

export interface BackupSettings {
  folder: string;
  schedule: BackupSchedule;
  lastRun?: { at: string; ok: boolean; message: string };
}

export interface BackupFile {
  name: string;
  size: number;
  modifiedAt: string;
  scheduled: boolean;
}

/** Where an archive comes from: a file in the backups folder, or bytes the user picked (base64). */
export type ArchiveSource = { name: string } | { archive: string };

export interface EngineForwarder {
  forward<N extends MgmtRouteName>(id: string, name: N, body: MgmtBody<N>): Promise<MgmtResponse<N>>;
}

export interface BackupsServiceDeps {
  engines: EngineForwarder;
  store: SettingsStore;
  defaultFolder: string;
  now?: () => number;
  log?: (line: string) => void;
}

function refused(error: unknown): never {
  if (error instanceof BackupError) {
    const field = error.code === 'wrong-passphrase' ? 'passphrase' : 'archive';
    throw new ServiceError('invalid-input', `${field}: ${error.message}`, { field });
  }
  throw error;
}

export class BackupsService {
  private readonly deps: BackupsServiceDeps;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(deps: BackupsServiceDeps) {
    this.deps = deps;
  }

  settings(): BackupSettings {
    const saved = (this.deps.store.get(SETTINGS_KEY) ?? {}) as Partial<BackupSettings>;
    return {
      folder: saved.folder || this.deps.defaultFolder,
      schedule: { engineId: null, intervalHours: 24, keep: 7, ...saved.schedule },
      ...(saved.lastRun ? { lastRun: saved.lastRun } : {}),
    };
  }

  updateSettings(change: { folder?: string; schedule?: BackupSchedule }): BackupSettings {
    const next = { ...this.settings(), ...change };
    this.deps.store.set(SETTINGS_KEY, next);
    return this.settings();
  }

  list(): { folder: string; files: BackupFile[] } {
    const folder = this.settings().folder;
    let names: string[] = [];
    try {
      names = readdirSync(folder).filter((name) => name.endsWith(EXTENSION));
    } catch {
      // no folder yet: no backups
    }
    const files = names
      .map((name) => {
        const stat = statSync(join(folder, name));
        return { name, size: stat.size, modifiedAt: stat.mtime.toISOString(), scheduled: name.startsWith(AUTO_PREFIX) }; // prettier-ignore
      })
      .sort((a, b) => (a.modifiedAt < b.modifiedAt ? 1 : a.modifiedAt > b.modifiedAt ? -1 : 0));
    return { folder, files };
  }

  /** Asks the engine for an archive and saves it into the backups folder (readable by the user only). */
  async create(
    engineId: string,
    passphrase?: string,
    scheduled = false,
  ): Promise<{ file: BackupFile; summary: BackupSummary }> {
    // prettier-ignore
    const answer = await this.deps.engines.forward(engineId, 'backupExport', passphrase ? { passphrase } : {});
    const folder = this.settings().folder;
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const name = (scheduled ? AUTO_PREFIX : '') + basename(answer.fileName);
    writeFileSync(join(folder, name), Buffer.from(answer.archive, 'base64'), { mode: 0o600 });
    this.deps.log?.(`[backups] saved ${name} (${answer.size} bytes)`);
    const file = this.list().files.find((f) => f.name === name)!;
    return { file, summary: answer.summary };
  }

  /** Opens an archive without any engine: what it holds, and its config with secrets hidden. */
  async open(
    source: ArchiveSource,
    passphrase?: string,
  ): Promise<{ summary: BackupSummary; config: Config }> {
    const opened = await this.read(source, passphrase);
    return { summary: summarizeBackup(opened), config: redactSecrets(opened.current.config) };
  }

  /**
   * A new archive in the backups folder from `source` with its config replaced by `config` (edited
   * offline): history and certificates unchanged. With the passphrase the secrets are kept (markers
   * in `config` take the original's values); without it the new archive has none and says which.
   */
  async saveEdited(
    source: ArchiveSource,
    config: unknown,
    passphrase?: string,
  ): Promise<{ file: BackupFile; summary: BackupSummary; missingSecrets: string[] }> {
    const original = await this.read(source, passphrase);
    const now = this.deps.now?.() ?? Date.now();
    const result = await repackWithConfig(original, config, {
      ...(passphrase ? { passphrase } : {}),
      createdAt: new Date(now).toISOString(),
      createdBy: `SBC Studio, edited from ${'name' in source ? source.name : 'an opened file'}`,
    });
    if (!result.ok) {
      const first = result.errors[0]!;
      throw new ServiceError('invalid-input', `config.${first.path || '(root)'}: ${first.message}`, { field: 'config' }); // prettier-ignore
    }
    const folder = this.settings().folder;
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    // Not "auto-…": an edited archive is the user's, never rotated out with the scheduled ones.
    const stem = ('name' in source ? basename(source.name, EXTENSION) : original.manifest.engine.name)
      .replace(/^auto-/, '')
      .replace(/[^A-Za-z0-9._-]+/g, '-');
    const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
    let name = `${stem}-edited-${stamp}${EXTENSION}`;
    for (let n = 2; existsSync(join(folder, name)) && n < 1000; n++)
      name = `${stem}-edited-${stamp}-${n}${EXTENSION}`;
    writeFileSync(join(folder, name), result.archive, { mode: 0o600, flag: 'wx' });
    this.deps.log?.(`[backups] saved the edited ${name} (${result.archive.length} bytes)`);
    const file = this.list().files.find((f) => f.name === name)!;
    const summary = summarizeBackup(await openBackup(result.archive, passphrase ? { passphrase } : {}));
    return { file, summary, missingSecrets: result.missingSecrets };
  }

  async diff(a: ArchiveSource, b: ArchiveSource, passphrase?: string): Promise<BackupDiff> {
    return diffBackups(await this.read(a, passphrase), await this.read(b, passphrase));
  }

  preview(
    engineId: string,
    source: ArchiveSource,
    passphrase?: string,
  ): Promise<MgmtResponse<'backupInspect'>> {
    return this.deps.engines.forward(engineId, 'backupInspect', { archive: this.base64(source), ...(passphrase ? { passphrase } : {}) }); // prettier-ignore
  }

  restore(
    engineId: string,
    source: ArchiveSource,
    body: Omit<MgmtBody<'backupRestore'>, 'archive'>,
  ): Promise<MgmtResponse<'backupRestore'>> {
    return this.deps.engines.forward(engineId, 'backupRestore', { ...body, archive: this.base64(source) });
  }

  /** Checks once a minute whether the scheduled backup is due. */
  start(): void {
    this.stop();
    this.timer = setInterval(() => void this.runDue(), SCHEDULE_CHECK_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Makes the scheduled backup when it is due, then deletes the oldest beyond `keep`. */
  async runDue(): Promise<void> {
    if (this.running) return this.running;
    this.running = this.runOnce().finally(() => (this.running = undefined));
    return this.running;
  }

  private async runOnce(): Promise<void> {
    const { schedule } = this.settings();
    if (!schedule.engineId) return;
    const now = this.deps.now?.() ?? Date.now();
    const newest = this.list().files.find((f) => f.scheduled);
    if (newest && now - Date.parse(newest.modifiedAt) < schedule.intervalHours * 3_600_000) return;
    let lastRun: BackupSettings['lastRun'];
    try {
      // Scheduled archives hold no secrets: a passphrase would have to be stored to make them unattended.
      const { file, summary } = await this.create(schedule.engineId, undefined, true);
      this.rotate(summary.engine.name, schedule.keep);
      lastRun = { at: new Date(now).toISOString(), ok: true, message: file.name };
    } catch (error) {
      lastRun = { at: new Date(now).toISOString(), ok: false, message: (error as Error).message };
      this.deps.log?.(`[backups] the scheduled backup failed: ${(error as Error).message}`);
    }
    this.deps.store.set(SETTINGS_KEY, { ...this.settings(), lastRun });
  }

  private rotate(engineName: string, keep: number): void {
    const prefix = `${AUTO_PREFIX}${engineName.replace(/[^A-Za-z0-9._-]+/g, '-')}-`;
    const folder = this.settings().folder;
    const ours = this.list().files.filter((f) => f.name.startsWith(prefix));
    for (const old of ours.slice(Math.max(1, keep))) {
      rmSync(join(folder, old.name), { force: true });
      this.deps.log?.(`[backups] rotated out ${old.name}`);
    }
  }

  private bytes(source: ArchiveSource): Buffer {
    if ('archive' in source) return Buffer.from(source.archive, 'base64');
    const name = basename(source.name);
    if (name !== source.name || !name.endsWith(EXTENSION)) {
      throw new ServiceError('invalid-input', `name: "${source.name}" is not a backup file of the backups folder`, { field: 'name' }); // prettier-ignore
    }
    try {
      return readFileSync(join(this.settings().folder, name));
    } catch {
      throw new ServiceError('not-found', `name: ${name} is not in the backups folder`, { field: 'name' });
    }
  }

  private base64(source: ArchiveSource): string {
    return 'archive' in source ? source.archive : this.bytes(source).toString('base64');
  }

  private async read(source: ArchiveSource, passphrase?: string): Promise<OpenedBackup> {
    try {
      return await openBackup(this.bytes(source), passphrase ? { passphrase } : {});
    } catch (error) {
      refused(error);
    }
  }
}
