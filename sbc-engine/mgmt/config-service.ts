// What the configuration routes do, apart from HTTP: read with an etag, apply (validate, lint,
// bind new sockets, write, then switch), the trial window of an apply with confirmation, history,
// rollback and diff. One apply runs at a time; the If-Match check happens inside that turn, so two
// admins cannot both apply on top of the same version.
import { diffConfigs } from '../config/diff.ts';
import {
  mergeSecrets,
  parseConfig,
  redactSecrets,
  type Config,
  type ConfigError,
} from '../config/schema/index.ts';
import type { Clock } from '../runtime/clock.ts';
import { keyedHash } from '../runtime/config-store/content-hash.ts';
import type { BootReport, CommitMeta, ConfigStore, ImportedVersion } from '../runtime/config-store/store.ts';
import type { StoredConfig } from '../runtime/config-store/records.ts';
import { ListenerProblem, type ListenerControl } from '../runtime/sip-listeners.ts';
import type { LintFinding } from './config-routes.ts';
import type { MgmtBody, MgmtResponse } from './contract.ts';
import { parseIfMatch } from './etag.ts';
import { MgmtError } from './errors.ts';

export type LintConfig = (config: Config) => { findings: LintFinding[] };

export interface ConfigServiceDeps {
  store: ConfigStore;
  lint: LintConfig;
  listeners: ListenerControl;
  clock: Clock;
  log: (line: string) => void;
  /** The admin account applying, for the history. */
  author: () => string;
  /** What the store found at boot (a trial reverted by a restart). */
  boot?: BootReport;
}

type ConfigState = MgmtResponse<'configConfirm'>;
type ApplyResult = MgmtResponse<'configPut'>;
interface ApplyOptions {
  confirmWithinSeconds?: number;
  overrideReason?: string;
}

export interface RestoreRequest extends ApplyOptions {
  /** The backup's config; markers left in it keep this engine's secret at the same place. */
  config: unknown;
  history: ImportedVersion[];
  comment: string;
  ifMatch: string | undefined;
}

/** A trial that ended without confirmation, so that a late confirm gets a clear answer. */
interface EndedTrial {
  version: number;
  revertTo: number;
  why: 'window' | 'restart';
  at: number;
}

const CHECK_INTERVAL_MS = 1000;
const MAX_LISTED_PROBLEMS = 3;

function listProblems(problems: { path: string; message: string }[]): string {
  const shown = problems.slice(0, MAX_LISTED_PROBLEMS).map((p) => `${p.path || 'config'}: ${p.message}`);
  const more = problems.length - shown.length;
  return shown.join('; ') + (more > 0 ? `; and ${more} more` : '');
}

function invalidConfig(errors: ConfigError[]): MgmtError {
  const first = errors[0]!;
  return new MgmtError(400, 'invalid-config', `The config is not valid: ${listProblems(errors)}`, {
    field: first.path ? `config.${first.path}` : 'config',
    problems: errors,
  });
}

export class ConfigService {
  private readonly deps: ConfigServiceDeps;
  private readonly hashes = new Map<number, string>();
  private turn: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private ended: EndedTrial | undefined;

  constructor(deps: ConfigServiceDeps) {
    this.deps = deps;
    const reverted = deps.boot?.reverted;
    if (reverted) this.ended = { ...reverted, why: 'restart', at: deps.clock.now() };
  }

  /** Watches the trial window, if one is open. */
  start(): void {
    this.arm();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  get(): MgmtResponse<'configGet'> {
    const current = this.deps.store.current;
    return { ...this.state(), config: redactSecrets(current.config) };
  }

  history(): MgmtResponse<'configHistory'> {
    return {
      ...this.state(),
      versions: this.deps.store.history().map((info) => ({ ...info, hash: this.hashOf(info.version) })),
    };
  }

  version(body: MgmtBody<'configVersion'>): MgmtResponse<'configVersion'> {
    const found = this.find(body.version, 'version');
    return { ...found.info, hash: this.hashOf(found.info.version), config: redactSecrets(found.config) };
  }

  diff(body: MgmtBody<'configDiff'>): MgmtResponse<'configDiff'> {
    const from = this.find(body.from, 'from');
    const to = body.to === undefined ? this.deps.store.current : this.find(body.to, 'to');
    return { from: from.info.version, to: to.info.version, changes: diffConfigs(from.config, to.config) };
  }

  put(body: MgmtBody<'configPut'>, ifMatchHeader: string | undefined): Promise<ApplyResult> {
    return this.inTurn(async () => {
      this.checkPrecondition(ifMatchHeader ?? body.ifMatch, true);
      const parsed = parseConfig(body.config);
      if (!parsed.ok) throw invalidConfig(parsed.errors);
      const merged = mergeSecrets(parsed.config, this.deps.store.current.config);
      if (!merged.ok) throw invalidConfig(merged.errors);
      return this.apply(merged.config, { author: this.deps.author(), comment: body.comment }, body);
    });
  }

  rollback(body: MgmtBody<'configRollback'>, ifMatchHeader: string | undefined): Promise<ApplyResult> {
    return this.inTurn(async () => {
      // Optional here: a rollback names its target outright, but a client that sends a tag gets it checked.
      this.checkPrecondition(ifMatchHeader, false);
      const target = this.find(body.version, 'version');
      const comment = body.comment || `rollback to version ${body.version}`;
      const meta = { author: this.deps.author(), comment, rollbackOf: body.version };
      return this.apply(target.config, meta, body);
    });
  }

  confirm(body: MgmtBody<'configConfirm'>): Promise<ConfigState> {
    return this.inTurn(async () => {
      const pending = this.deps.store.pending;
      if (pending && this.deps.clock.now() >= pending.deadline) await this.revert();
      const trial = this.deps.store.pending;
      if (!trial) {
        const ended = this.ended;
        if (ended && (body.version === undefined || body.version === ended.version)) {
          const when = new Date(ended.at).toISOString();
          throw new MgmtError(
            409,
            'confirm-window-over',
            ended.why === 'window'
              ? `Too late: version ${ended.version} was not confirmed in time, so at ${when} the engine went back to version ${ended.revertTo}. Apply it again to retry.`
              : `Version ${ended.version} was never confirmed: the engine restarted during its window and went back to version ${ended.revertTo}. Apply it again to retry.`,
          );
        }
        throw new MgmtError(409, 'nothing-to-confirm', 'No applied configuration waits for confirmation.');
      }
      if (body.version !== undefined && body.version !== trial.version) {
        throw new MgmtError(
          409,
          'nothing-to-confirm',
          `Version ${body.version} does not wait for confirmation; version ${trial.version} does.`,
          { field: 'version' },
        );
      }
      this.deps.store.confirm();
      this.stop();
      this.deps.log(`[config] version ${trial.version} confirmed by ${this.deps.author()}`);
      return this.state();
    });
  }

  /**
   * A backup's config (and history) through the same checks as an apply, in the same turn as the
   * If-Match check. `prepare` runs first inside the turn (the certificate import, so that the config
   * can use the certificates); its undo runs when the apply is refused or fails.
   */
  restore(request: RestoreRequest, prepare: () => { undo: () => void }): Promise<ApplyResult> {
    return this.inTurn(async () => {
      this.checkPrecondition(request.ifMatch, true);
      const parsed = parseConfig(request.config);
      if (!parsed.ok) throw invalidConfig(parsed.errors);
      const merged = mergeSecrets(parsed.config, this.deps.store.current.config);
      if (!merged.ok) throw invalidConfig(merged.errors);
      const prepared = prepare();
      try {
        const meta = { author: this.deps.author(), comment: request.comment };
        return await this.apply(merged.config, meta, request, request.history);
      } catch (error) {
        prepared.undo();
        throw error;
      }
    });
  }

  private async apply(
    config: Config,
    meta: CommitMeta,
    options: ApplyOptions,
    history: ImportedVersion[] = [],
  ): Promise<ApplyResult> {
    const { findings } = this.deps.lint(config);
    const errors = findings.filter((finding) => finding.severity === 'error');
    if (errors.length > 0 && !options.overrideReason) {
      throw new MgmtError(
        422,
        'lint-errors',
        `The linter found ${errors.length} error(s) that would break calls: ${listProblems(errors)}. Fix them, or apply with a reason to override.`,
        { field: errors[0]!.path ? `config.${errors[0]!.path}` : 'config', problems: errors },
      );
    }
    let prepared;
    try {
      prepared = await this.deps.listeners.prepare(config);
    } catch (error) {
      if (!(error instanceof ListenerProblem)) throw error;
      const field = `config.${error.path}`;
      if (error.kind === 'tls') {
        throw new MgmtError(400, 'invalid-config', `${error.path}: ${error.message}`, {
          field,
          problems: [{ path: error.path, message: error.message }],
        });
      }
      throw new MgmtError(
        409,
        'listener-unavailable',
        `${error.path}: ${error.message}. Nothing was changed.`,
        { field, problems: [{ path: error.path, message: error.message }] },
      );
    }
    const deadline =
      options.confirmWithinSeconds === undefined
        ? undefined
        : this.deps.clock.now() + options.confirmWithinSeconds * 1000;
    let stored: StoredConfig;
    try {
      stored = this.deps.store.commit(
        config,
        errors.length > 0 ? { ...meta, overrideReason: options.overrideReason } : meta,
        deadline,
        history,
      );
    } catch (error) {
      await prepared.rollback();
      throw error;
    }
    const listeners = await prepared.commit();
    const version = stored.info.version;
    if (errors.length > 0) {
      this.deps.log(`[config] version ${version}: ${meta.author} overrode lint errors (${errors.map((e) => e.ruleId).join(', ')}); reason: ${options.overrideReason}`); // prettier-ignore
    }
    this.deps.log(
      `[config] version ${version} applied by ${meta.author}${meta.comment ? ` ("${meta.comment}")` : ''}` +
        (deadline === undefined ? '' : `; reverts to version ${this.deps.store.pending!.revertTo} at ${new Date(deadline).toISOString()} unless confirmed`), // prettier-ignore
    );
    this.ended = undefined;
    this.arm();
    return { ...this.state(), findings, listeners };
  }

  /** Back to the confirmed version; the sockets follow as far as they can (a port taken meanwhile is logged). */
  private async revert(): Promise<void> {
    const pending = this.deps.store.pending;
    if (!pending) return;
    const back = this.deps.store.revert();
    this.stop();
    this.ended = {
      version: pending.version,
      revertTo: back.info.version,
      why: 'window',
      at: this.deps.clock.now(),
    };
    this.deps.log(
      `[config] version ${pending.version} was not confirmed in time: back to version ${back.info.version}`,
    );
    const prepared = await this.deps.listeners.prepare(back.config, true);
    await prepared.commit();
  }

  private arm(): void {
    this.stop();
    const pending = this.deps.store.pending;
    if (!pending) return;
    const wait = Math.max(0, Math.min(pending.deadline - this.deps.clock.now(), CHECK_INTERVAL_MS));
    // Checked at least once a second against the clock, so a test clock moved forward is noticed.
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const due = this.deps.store.pending && this.deps.clock.now() >= this.deps.store.pending.deadline;
      if (!due) return this.arm();
      void this.inTurn(() => this.revert()).catch((error: unknown) =>
        this.deps.log(`[config] !!! the automatic revert failed: ${(error as Error).stack ?? String(error)}`),
      );
    }, wait);
    this.timer.unref();
  }

  private checkPrecondition(ifMatch: string | undefined, required: boolean): void {
    if (ifMatch === undefined) {
      if (!required) return;
      throw new MgmtError(
        428,
        'precondition-required',
        'Send the etag from GET /api/v1/config as If-Match, so that a change someone made meanwhile is not overwritten.',
      );
    }
    const current = this.etag(this.deps.store.current.info.version);
    if (!parseIfMatch(ifMatch).matches(current)) {
      throw new MgmtError(
        412,
        'precondition-failed',
        `The configuration changed since you read it (it is version ${this.deps.store.current.info.version} now). Read it again, redo your change and apply.`,
      );
    }
  }

  private state(): ConfigState {
    const { store, clock } = this.deps;
    const pending = store.pending;
    const version = store.current.info.version;
    return {
      version,
      etag: this.etag(version),
      confirmedVersion: pending ? pending.revertTo : version,
      pending: pending && {
        version: pending.version,
        revertTo: pending.revertTo,
        confirmBy: new Date(pending.deadline).toISOString(),
        secondsLeft: Math.max(0, Math.ceil((pending.deadline - clock.now()) / 1000)),
      },
    };
  }

  /** A strong entity tag: the version number and its keyed hash. */
  private etag(version: number): string {
    return `"${version}-${this.hashOf(version).slice(0, 16)}"`;
  }

  private hashOf(version: number): string {
    let hash = this.hashes.get(version);
    if (hash === undefined) {
      const current = this.deps.store.current;
      const config =
        current.info.version === version ? current.config : this.deps.store.read(version)?.config;
      if (!config) return '';
      hash = keyedHash(this.deps.store.hashKey, config);
      this.hashes.set(version, hash);
    }
    return hash;
  }

  private find(version: number, field: string): StoredConfig {
    const current = this.deps.store.current;
    const found = current.info.version === version ? current : this.deps.store.read(version);
    if (!found) {
      throw new MgmtError(
        404,
        'not-found',
        `${field}: version ${version} is not kept; see GET /api/v1/config/history for the versions there are.`,
        { field },
      );
    }
    return found;
  }

  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    const run = this.turn.then(work, work);
    this.turn = run.catch(() => undefined);
    return run;
  }
}
