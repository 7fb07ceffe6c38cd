// Engines as the UI sees them: reachability, setup state, pinned certificate, login session.
// Nothing is sent to an engine whose certificate differs from the pinned one.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineView } from '../../api/contract.ts';
import { fingerprintOfPem, normalizeFingerprint } from '../../../sbc-engine/certs/fingerprint.ts';
import { DATA_FILES } from '../../../sbc-engine/config/data-files.ts';
import { formatHostPort, parseHostPort } from '../../../sbc-engine/config/host-port.ts';
import { checkAdminPassword, MIN_ADMIN_PASSWORD_LENGTH } from '../../../sbc-engine/config/password-rule.ts';
import { DEFAULT_MGMT_PORT } from '../../../sbc-engine/config/defaults.ts';
import { CONFIG_SCHEMA_VERSION } from '../../../sbc-engine/config/versions.ts';
import type { MgmtBody, MgmtResponse, MgmtRouteName, Status } from '../../../sbc-engine/mgmt/contract.ts';
import { ServiceError } from '../service-error.ts';
import { BUNDLED_ENGINE_ID, EngineRegistry, type KnownEngine } from './engine-registry.ts';
import { toServiceError } from './error-mapping.ts';
import { callMgmt, MgmtClientError, type FingerprintCheck } from './mgmt-client.ts';

export interface BundledEngineInfo {
  dataDir: string;
  host: string;
  port: number;
  /** Whether the app is starting the engine right now, and why the last start failed. */
  status?: () => { starting: boolean; lastStartError?: string };
}

interface LiveState {
  view: Omit<EngineView, 'id' | 'name' | 'address' | 'bundled' | 'pinnedFingerprint'>;
  token?: string;
  checkedAt: number;
  /** Failed probes in a row: one alone does not turn a reachable engine "unreachable". */
  failures: number;
}

const STALE_AFTER_MS = 4000;

export class EnginesService {
  private readonly registry: EngineRegistry;
  private readonly bundled: BundledEngineInfo | null;
  private readonly live = new Map<string, LiveState>();
  private readonly inFlight = new Map<string, Promise<EngineView>>();
  private readonly timeoutMs: number;

  constructor(
    registry: EngineRegistry,
    bundled: BundledEngineInfo | null,
    options: { timeoutMs?: number } = {},
  ) {
    this.registry = registry;
    this.bundled = bundled;
    this.timeoutMs = options.timeoutMs ?? 3000;
    if (bundled) {
      const existing = registry.get(BUNDLED_ENGINE_ID);
      // The bundled engine's address follows the app's configuration; its pin is kept.
      registry.add({
        id: BUNDLED_ENGINE_ID,
        name: existing?.name ?? 'Bundled engine',
        host: bundled.host,
        port: bundled.port,
        bundled: true,
        ...(existing?.pinnedFingerprint ? { pinnedFingerprint: existing.pinnedFingerprint } : {}),
      });
    } else if (registry.get(BUNDLED_ENGINE_ID)) {
      registry.remove(BUNDLED_ENGINE_ID);
    }
  }

  async list(): Promise<EngineView[]> {
    const engines = this.registry
      .list()
      .sort((a, b) => Number(b.bundled) - Number(a.bundled) || a.name.localeCompare(b.name));
    return Promise.all(
      engines.map((engine) => {
        const state = this.live.get(engine.id);
        return state && Date.now() - state.checkedAt < STALE_AFTER_MS
          ? this.view(engine)
          : this.refresh(engine.id);
      }),
    );
  }

  add(address: string, name?: string): Promise<EngineView> {
    const parsed = parseHostPort(address, DEFAULT_MGMT_PORT);
    if (!parsed.ok) throw new ServiceError('invalid-input', parsed.error, { field: 'address' });
    const shown = formatHostPort(parsed.value);
    if (this.registry.list().some((e) => formatHostPort(e) === shown)) {
      throw new ServiceError('invalid-input', `${shown} is already in the list`, { field: 'address' });
    }
    const engine = this.registry.add({ name: name?.trim() || shown, ...parsed.value, bundled: false });
    return this.refresh(engine.id);
  }

  remove(id: string): void {
    const engine = this.require(id);
    if (engine.bundled)
      throw new ServiceError('invalid-input', 'The bundled engine cannot be removed; stop it instead.');
    this.registry.remove(id);
    this.live.delete(id);
  }

  /**
   * Contacts the engine and brings its state up to date. Concurrent callers share one probe;
   * after a change (setup, login …) pass fresh, so that a probe started before it is not reused.
   */
  refresh(id: string, fresh = false): Promise<EngineView> {
    const running = this.inFlight.get(id);
    if (running && !fresh) return running;
    const probe = (running ? running.catch(() => undefined) : Promise.resolve())
      .then(() => this.probe(this.require(id)))
      .finally(() => {
        if (this.inFlight.get(id) === probe) this.inFlight.delete(id);
      });
    this.inFlight.set(id, probe);
    return probe;
  }

  async setup(id: string, setupKey: string, password: string, trustFingerprint: string): Promise<EngineView> {
    const engine = this.require(id);
    this.requireGoodPassword(password, 'password');
    const trusted = normalizeFingerprint(trustFingerprint);
    this.refuseForeignBundled(engine, trusted);
    await this.call(engine, 'setup', { setupKey, password }, this.trustOnly(engine, trusted));
    this.registry.update(id, { pinnedFingerprint: trusted });
    return this.refresh(id, true);
  }

  async login(id: string, password: string, trustFingerprint?: string): Promise<EngineView> {
    const engine = this.require(id);
    const trusted = trustFingerprint ? normalizeFingerprint(trustFingerprint) : undefined;
    if (!engine.pinnedFingerprint && !trusted) {
      throw new ServiceError(
        'certificate-unconfirmed',
        'Compare and confirm the engine certificate before the first login.',
        { field: 'trustFingerprint' },
      );
    }
    if (trusted) this.refuseForeignBundled(engine, trusted);
    const check = engine.pinnedFingerprint ? this.pinned(engine) : this.trustOnly(engine, trusted!);
    const { response } = await this.call(engine, 'login', { password }, check);
    if (trusted && !engine.pinnedFingerprint) this.registry.update(id, { pinnedFingerprint: trusted });
    this.state(id).token = response.token;
    return this.refresh(id, true);
  }

  async logout(id: string): Promise<EngineView> {
    const engine = this.require(id);
    const token = this.live.get(id)?.token;
    if (token) {
      delete this.state(id).token;
      await this.call(engine, 'logout', {}, this.pinned(engine), token).catch(() => undefined);
    }
    return this.refresh(id, true);
  }

  /** The user accepts a changed certificate: the fingerprint must be the one the engine shows now. */
  async acceptCertificate(id: string, fingerprint: string): Promise<EngineView> {
    const engine = this.require(id);
    const accepted = normalizeFingerprint(fingerprint);
    await this.call(engine, 'identity', {}, this.trustOnly(engine, accepted, true));
    this.registry.update(id, { pinnedFingerprint: accepted });
    delete this.state(id).token;
    return this.refresh(id, true);
  }

  async status(id: string): Promise<Status> {
    const engine = this.require(id);
    return (await this.authenticated(engine, 'status', {})).response;
  }

  async listCertificates(id: string): Promise<MgmtResponse<'certificatesList'>> {
    return this.forward(id, 'certificatesList', {});
  }

  /** One authenticated management call for the engine the user is logged in to. */
  async forward<N extends MgmtRouteName>(id: string, name: N, body: MgmtBody<N>): Promise<MgmtResponse<N>> {
    const engine = this.require(id);
    return (await this.authenticated(engine, name, body)).response;
  }

  /**
   * Applies a config, unless the engine runs an older config schema than this app writes: the app
   * never pushes a newer schema than the engine reports in /identity (it would be refused, or worse,
   * read differently).
   */
  async applyConfig(id: string, body: MgmtBody<'configPut'>): Promise<MgmtResponse<'configPut'>> {
    const engine = this.require(id);
    const identity = this.live.get(id)?.view.identity ?? (await this.refresh(id, true)).identity;
    if (identity && identity.configSchemaVersion < CONFIG_SCHEMA_VERSION) {
      throw new ServiceError(
        'conflict',
        `This engine understands configuration schema ${identity.configSchemaVersion}; SBC Studio writes schema ${CONFIG_SCHEMA_VERSION}. Update the engine (version ${identity.version}) first; nothing was sent.`,
      );
    }
    return (await this.authenticated(engine, 'configPut', body)).response;
  }

  async changePassword(id: string, currentPassword: string, newPassword: string): Promise<void> {
    const engine = this.require(id);
    this.requireGoodPassword(newPassword, 'newPassword');
    await this.authenticated(engine, 'changePassword', { currentPassword, newPassword });
  }

  readLocalSetupKey(id: string): string {
    const engine = this.require(id);
    if (!engine.bundled || !this.bundled)
      throw new ServiceError('not-bundled', 'Only the bundled engine keeps its setup key on this computer.');
    try {
      return readFileSync(join(this.bundled.dataDir, DATA_FILES.setupKey), 'utf8').trim();
    } catch {
      throw new ServiceError(
        'already-provisioned',
        'The bundled engine has no pending setup key: it is set up already.',
      );
    }
  }

  private async probe(engine: KnownEngine): Promise<EngineView> {
    const state = this.state(engine.id);
    state.checkedAt = Date.now();
    try {
      const { fingerprint, response: identity } = await callMgmt(
        engine,
        'identity',
        {},
        {
          checkFingerprint: () => {}, // /identity carries no secret; the pin is compared below
          timeoutMs: this.timeoutMs,
        },
      );
      state.failures = 0;
      state.view = {
        seenFingerprint: fingerprint,
        identity,
        state: 'needs-login',
        checkedAt: new Date().toISOString(),
      };
      if (engine.pinnedFingerprint && engine.pinnedFingerprint !== fingerprint) {
        delete state.token;
        state.view.state = 'certificate-changed';
        state.view.lastError = 'The engine presents a different certificate than the one you trusted.';
      } else if (!identity.provisioned) {
        delete state.token;
        state.view.state = 'unprovisioned';
      } else if (state.token) {
        await this.call(engine, 'status', {}, this.pinned(engine), state.token)
          .then(() => (state.view.state = 'connected'))
          .catch((error: unknown) => {
            // call() has already mapped the failure; an expired session means "log in again".
            if (error instanceof ServiceError && error.code === 'session-expired') delete state.token;
            else throw error;
          });
      }
    } catch (error) {
      const failure = toServiceError(error);
      // Whatever answered is not a usable engine right now; the message says what went wrong. The
      // session is kept: one slow answer must not log the admin out. A single failure after a
      // good answer keeps the last state (an open setup wizard stays open); two in a row count.
      state.failures++;
      const checkedAt = new Date().toISOString();
      state.view =
        state.failures === 1 && state.view.state !== 'unreachable'
          ? { ...state.view, lastError: failure.message, checkedAt }
          : { state: 'unreachable', lastError: failure.message, checkedAt };
    }
    return this.view(engine);
  }

  private view(engine: KnownEngine): EngineView {
    const current = this.registry.get(engine.id) ?? engine;
    const state = this.state(engine.id);
    const expected = current.bundled ? this.bundledFingerprint() : undefined;
    return {
      id: current.id,
      name: current.name,
      address: formatHostPort(current),
      bundled: current.bundled,
      ...state.view,
      ...(current.bundled && state.view.state === 'unreachable' ? this.bundledStartState() : {}),
      ...(current.pinnedFingerprint ? { pinnedFingerprint: current.pinnedFingerprint } : {}),
      ...(expected ? { expectedFingerprint: expected } : {}),
    };
  }

  /**
   * The bundled engine's certificate is known from its data folder: a password never goes to a
   * different one, whatever the user confirmed (another program may have taken its port).
   */
  private refuseForeignBundled(engine: KnownEngine, trusted: string): void {
    const expected = engine.bundled ? this.bundledFingerprint() : undefined;
    if (expected && trusted !== expected) {
      throw new ServiceError(
        'certificate-changed',
        "What answers on the bundled engine's port is not the bundled engine: its certificate differs from the one in the engine's data folder. Nothing was sent.",
      );
    }
  }

  /** An unreachable bundled engine may just be starting, or may have failed to start: say which. */
  private bundledStartState(): Partial<EngineView> {
    const status = this.bundled?.status?.();
    if (status?.starting) return { state: 'starting' };
    if (status?.lastStartError)
      return { lastError: `The bundled engine did not start: ${status.lastStartError}` };
    return {};
  }

  private bundledFingerprint(): string | undefined {
    if (!this.bundled) return undefined;
    try {
      return fingerprintOfPem(readFileSync(join(this.bundled.dataDir, DATA_FILES.mgmtCert), 'utf8'));
    } catch {
      return undefined;
    }
  }

  private state(id: string): LiveState {
    let state = this.live.get(id);
    if (!state) {
      state = { view: { state: 'unreachable' }, checkedAt: 0, failures: 0 };
      this.live.set(id, state);
    }
    return state;
  }

  private require(id: string): KnownEngine {
    const engine = this.registry.get(id);
    if (!engine)
      throw new ServiceError('not-found', 'This engine is no longer in the list.', { field: 'engineId' });
    return engine;
  }

  private requireGoodPassword(password: string, field: string): void {
    if (checkAdminPassword(password) === 'too-short') {
      throw new ServiceError(
        'weak-password',
        `The password needs at least ${MIN_ADMIN_PASSWORD_LENGTH} characters.`,
        { field },
      );
    }
  }

  /** Only the pinned certificate is acceptable. */
  private pinned(engine: KnownEngine): FingerprintCheck {
    return (seen) => {
      const pin = this.registry.get(engine.id)?.pinnedFingerprint;
      if (!pin)
        throw new ServiceError(
          'certificate-unconfirmed',
          'The engine certificate has not been confirmed yet.',
        );
      if (pin !== seen)
        throw new ServiceError(
          'certificate-changed',
          'The engine presents a different certificate than the one you trusted. Nothing was sent.',
        );
    };
  }

  /** Exactly the fingerprint the user confirmed, and not in conflict with an existing pin. */
  private trustOnly(engine: KnownEngine, trusted: string, replacesPin = false): FingerprintCheck {
    return (seen) => {
      const pin = this.registry.get(engine.id)?.pinnedFingerprint;
      if (pin && pin !== seen && !replacesPin) {
        throw new ServiceError(
          'certificate-changed',
          'The engine presents a different certificate than the one you trusted. Nothing was sent.',
        );
      }
      if (seen !== trusted) {
        throw new ServiceError(
          'certificate-unconfirmed',
          'The certificate the engine presents now is not the one you confirmed. Compare the fingerprint again. Nothing was sent.',
          { field: 'trustFingerprint' },
        );
      }
    };
  }

  private async authenticated<N extends MgmtRouteName>(engine: KnownEngine, name: N, body: MgmtBody<N>) {
    const token = this.live.get(engine.id)?.token;
    if (!token) throw new ServiceError('session-expired', 'Log in to this engine first.');
    try {
      return await this.call(engine, name, body, this.pinned(engine), token);
    } catch (error) {
      if (error instanceof ServiceError && error.code === 'session-expired') {
        delete this.state(engine.id).token;
        this.state(engine.id).view.state = 'needs-login';
      }
      throw error;
    }
  }

  private async call<N extends MgmtRouteName>(
    engine: KnownEngine,
    name: N,
    body: MgmtBody<N>,
    check: FingerprintCheck,
    token?: string,
  ): Promise<{ fingerprint: string; response: MgmtResponse<N> }> {
    try {
      return await callMgmt(engine, name, body, {
        checkFingerprint: check,
        timeoutMs: this.timeoutMs,
        ...(token ? { token } : {}),
      });
    } catch (error) {
      const failure = toServiceError(error);
      if (failure.code === 'certificate-changed') {
        const state = this.state(engine.id);
        delete state.token;
        state.view.state = 'certificate-changed';
        if (error instanceof MgmtClientError && error.detail.kind === 'rejected-certificate')
          state.view.seenFingerprint = error.detail.fingerprint;
      }
      throw failure;
    }
  }
}
