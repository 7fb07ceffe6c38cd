// The engine's configuration on disk: the config in effect, the last versions with who applied
// them, when and why, and the trial state of an apply that waits for confirmation.
//
//   config/current.json         the config in effect and its version number
//   config/pending.json         present only while a trial version waits for confirmation
//   config/versions/000012.json every kept version (the last MAX_VERSIONS)
//   config/hash.key             the key of the hashes shown through the API (content-hash.ts)
//
// Each file is replaced atomically, and the order of the writes makes every crash point boot into
// a whole config: a version file first (harmless alone), then the trial state, then current.json.
// At boot a trial that current.json has not moved past is reverted, so a kill -9 during the
// confirmation window brings back the last confirmed config.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../config/schema/index.ts';
import { syncFolder, writeFileAtomic } from '../atomic-file.ts';
import { restrictToOwner } from '../private-folder.ts';
import { canonicalJson, sha256Hex } from './content-hash.ts';
import {
  currentFileText,
  readCurrentFile,
  readPendingFile,
  readVersionFile,
  versionFileText,
  type PendingState,
  type StoredConfig,
  type VersionInfo,
} from './records.ts';

export const MAX_VERSIONS = 20;
const ENGINE_AUTHOR = 'engine';

export interface ConfigStoreOptions {
  /** The store's folder, DATA/config. */
  folder: string;
  now: () => number;
  log: (line: string) => void;
  /** The config of an engine that has none yet. */
  initialConfig: () => Config;
  /** Test hook between fsync and rename (SBC_ENGINE_TEST_PAUSE_BEFORE_RENAME). */
  beforeRename?: () => void;
}

/** What boot found and did, for the log and for a confirm that comes too late. */
export interface BootReport {
  /** A trial version that was never confirmed (the engine stopped during its window). */
  reverted?: { version: number; revertTo: number };
  /** A damaged file set aside, and the version booted instead. */
  setAside?: string[];
  /** True when the engine had no config and began with the initial one. */
  created?: boolean;
}

/** A version from another engine's history (a backup), with its own number, author and time. */
export interface ImportedVersion {
  info: {
    version: number;
    author: string;
    at: string;
    comment: string;
    overrideReason?: string;
    rollbackOf?: number;
  };
  config: Config;
}

export interface CommitMeta {
  author: string;
  comment: string;
  overrideReason?: string;
  rollbackOf?: number;
}

function versionFileName(version: number): string {
  return `${String(version).padStart(6, '0')}.json`;
}

export class ConfigStore {
  private readonly options: ConfigStoreOptions;
  private readonly versionsFolder: string;
  private currentConfig!: StoredConfig;
  private pendingState: PendingState | null = null;
  private key!: Buffer;

  private constructor(options: ConfigStoreOptions) {
    this.options = options;
    this.versionsFolder = join(options.folder, 'versions');
  }

  static open(options: ConfigStoreOptions): { store: ConfigStore; boot: BootReport } {
    const store = new ConfigStore(options);
    const boot = store.boot();
    return { store, boot };
  }

  get current(): StoredConfig {
    return this.currentConfig;
  }

  get pending(): PendingState | null {
    return this.pendingState;
  }

  get hashKey(): Buffer {
    return this.key;
  }

  /** Kept versions, newest first; damaged files are left out (and logged). */
  history(): VersionInfo[] {
    return this.versionNumbers()
      .reverse()
      .flatMap((version) => {
        const found = this.read(version);
        return found ? [found.info] : [];
      });
  }

  read(version: number): StoredConfig | undefined {
    const found = readVersionFile(this.versionPath(version));
    if (found.kind === 'ok') return found.value;
    if (found.kind === 'damaged') this.options.log(`[config] version ${version} is damaged: ${found.reason}`);
    return undefined;
  }

  /**
   * Makes `config` the one in effect as a new version. With `deadline` it runs on trial: until
   * confirm(), a revert() or a restart brings back the last confirmed version.
   */
  commit(
    config: Config,
    meta: CommitMeta,
    deadline?: number,
    imported: ImportedVersion[] = [],
  ): StoredConfig {
    // A restore's history goes in first, renumbered above the versions here; like any version file
    // written before current.json moves, a crash leaves them to the boot's clean-up.
    const numbers = new Map<number, number>();
    for (const record of [...imported].sort((a, b) => a.info.version - b.info.version)) {
      const { version, rollbackOf, ...info } = record.info;
      const origin = rollbackOf === undefined ? undefined : numbers.get(rollbackOf);
      const written = this.writeVersion(record.config, { ...info, ...(origin ? { rollbackOf: origin } : {}) }, record.info.at); // prettier-ignore
      numbers.set(version, written.info.version);
    }
    const stored = this.writeVersion(config, meta);
    if (deadline !== undefined) {
      const revertTo = this.pendingState?.revertTo ?? this.currentConfig.info.version;
      const pending: PendingState = { version: stored.info.version, revertTo, deadline };
      this.write(this.pendingPath(), JSON.stringify(pending) + '\n');
      this.pendingState = pending;
      this.writeCurrent(stored);
    } else {
      // current.json moving past the trial version is what confirms it; the file then goes.
      this.writeCurrent(stored);
      this.dropPending();
    }
    this.prune();
    return stored;
  }

  /** The trial version becomes the confirmed one. */
  confirm(): void {
    this.dropPending();
  }

  /** Back to the confirmed version of the trial; returns it. */
  revert(): StoredConfig {
    const pending = this.pendingState;
    if (!pending) return this.currentConfig;
    const target = this.read(pending.revertTo) ?? this.newestGood(pending.version);
    const stored = target ?? this.writeVersion(this.options.initialConfig(), this.engineMeta('defaults'));
    this.writeCurrent(stored);
    this.dropPending();
    return stored;
  }

  private boot(): BootReport {
    const { folder, log } = this.options;
    for (const dir of [folder, this.versionsFolder]) {
      if (mkdirSync(dir, { recursive: true, mode: 0o700 }) !== undefined) restrictToOwner(dir);
      // A temp file is a write that a crash interrupted before its rename: the old file still stands.
      for (const name of readdirSync(dir))
        if (name.endsWith('.tmp')) rmSync(join(dir, name), { force: true });
    }
    this.key = this.loadHashKey();
    const report: BootReport = {};
    const setAside = (path: string, reason: string) => {
      const aside = `${path}.damaged-${new Date(this.options.now()).toISOString().replace(/[:.]/g, '-')}`;
      renameSync(path, aside);
      log(`[config] !!! ${path} is damaged (${reason}); kept as ${aside} for inspection`);
      (report.setAside ??= []).push(aside);
    };

    const pendingRead = readPendingFile(this.pendingPath());
    let pending: PendingState | null = null;
    if (pendingRead.kind === 'ok') pending = pendingRead.value;
    else if (pendingRead.kind === 'damaged') setAside(this.pendingPath(), pendingRead.reason);

    const currentRead = readCurrentFile(this.currentPath());
    let current: StoredConfig | undefined;
    if (currentRead.kind === 'ok') {
      const { version, config } = currentRead.value;
      const info = this.read(version)?.info ?? this.lostInfo(version, config);
      current = { info, config };
    } else if (currentRead.kind === 'damaged') setAside(this.currentPath(), currentRead.reason);

    const highestSeen = Math.max(current?.info.version ?? 0, pending?.version ?? 0);
    if (pending && (!current || current.info.version <= pending.version)) {
      // The trial never got its confirmation: the engine stopped during the window.
      this.currentConfig = current ?? this.read(pending.revertTo)!;
      this.pendingState = pending;
      const back = this.revert();
      report.reverted = { version: pending.version, revertTo: back.info.version };
      log(`[config] the engine stopped while version ${pending.version} waited for confirmation; back to confirmed version ${back.info.version}`); // prettier-ignore
    } else {
      if (pending) this.removeFile(this.pendingPath()); // already superseded by a later apply
      if (current) this.currentConfig = current;
      else {
        const good = this.newestGood();
        if (good) {
          this.currentConfig = good;
          this.writeCurrent(good);
          if (report.setAside) log(`[config] !!! booting the last good version, ${good.info.version}`);
        } else {
          report.created = true;
          this.currentConfig = this.writeVersion(this.options.initialConfig(), this.engineMeta('initial'));
          this.writeCurrent(this.currentConfig);
          if (report.setAside) log('[config] !!! no good version is left: booting the initial configuration');
        }
      }
    }
    // Versions above everything current.json or the trial state ever named were written by an apply
    // that stopped before it took effect.
    for (const version of this.versionNumbers()) {
      if (version > Math.max(highestSeen, this.currentConfig.info.version)) {
        this.removeFile(this.versionPath(version));
        log(`[config] removed version ${version}: its apply stopped before it took effect`);
      }
    }
    return report;
  }

  private engineMeta(why: 'initial' | 'defaults'): CommitMeta {
    return {
      author: ENGINE_AUTHOR,
      comment:
        why === 'initial'
          ? 'initial configuration'
          : 'no confirmed configuration was left to go back to: the initial configuration',
    };
  }

  /** current.json names a version whose file is gone (pruned or damaged): describe it from what is known. */
  private lostInfo(version: number, config: Config): VersionInfo {
    return {
      version,
      author: ENGINE_AUTHOR,
      at: new Date(this.options.now()).toISOString(),
      comment: 'the record of this version is missing',
      sha256: sha256Hex(canonicalJson(config)),
    };
  }

  private writeVersion(config: Config, meta: CommitMeta, at?: string): StoredConfig {
    const info: VersionInfo = {
      version: this.nextVersion(),
      author: meta.author,
      at: at ?? new Date(this.options.now()).toISOString(),
      comment: meta.comment,
      sha256: sha256Hex(canonicalJson(config)),
      ...(meta.overrideReason !== undefined ? { overrideReason: meta.overrideReason } : {}),
      ...(meta.rollbackOf !== undefined ? { rollbackOf: meta.rollbackOf } : {}),
    };
    this.write(this.versionPath(info.version), versionFileText(info, config));
    return { info, config };
  }

  private writeCurrent(stored: StoredConfig): void {
    this.write(this.currentPath(), currentFileText(stored.info.version, stored.info.sha256, stored.config));
    this.currentConfig = stored;
  }

  private dropPending(): void {
    if (!this.pendingState && !existsSync(this.pendingPath())) return;
    this.removeFile(this.pendingPath());
    this.pendingState = null;
  }

  private nextVersion(): number {
    const numbers = this.versionNumbers();
    return (
      Math.max(
        numbers[numbers.length - 1] ?? 0,
        this.currentConfig?.info.version ?? 0,
        this.pendingState?.version ?? 0,
      ) + 1
    );
  }

  private newestGood(except?: number): StoredConfig | undefined {
    for (const version of this.versionNumbers().reverse()) {
      if (version === except) continue;
      const found = this.read(version);
      if (found) return found;
    }
    return undefined;
  }

  /** Keeps the last MAX_VERSIONS, and always the one in effect and the one a trial goes back to. */
  private prune(): void {
    const keep = new Set([this.currentConfig.info.version, this.pendingState?.revertTo]);
    const numbers = this.versionNumbers();
    let excess = numbers.length - MAX_VERSIONS;
    for (const version of numbers) {
      if (excess <= 0) break;
      if (keep.has(version)) continue;
      this.removeFile(this.versionPath(version));
      excess--;
    }
  }

  private versionNumbers(): number[] {
    return readdirSync(this.versionsFolder)
      .filter((name) => /^\d{6,}\.json$/.test(name))
      .map((name) => Number(name.slice(0, -5)))
      .sort((a, b) => a - b);
  }

  private loadHashKey(): Buffer {
    const path = join(this.options.folder, 'hash.key');
    try {
      const key = readFileSync(path);
      if (key.length === 32) return key;
    } catch {
      // none yet
    }
    const key = randomBytes(32);
    this.write(path, key);
    return key;
  }

  private write(path: string, data: string | Buffer): void {
    writeFileAtomic(path, data, 0o600, { beforeRename: this.options.beforeRename });
  }

  private removeFile(path: string): void {
    rmSync(path, { force: true });
    syncFolder(join(path, '..'));
  }

  private currentPath(): string {
    return join(this.options.folder, 'current.json');
  }

  private pendingPath(): string {
    return join(this.options.folder, 'pending.json');
  }

  private versionPath(version: number): string {
    return join(this.versionsFolder, versionFileName(version));
  }
}
