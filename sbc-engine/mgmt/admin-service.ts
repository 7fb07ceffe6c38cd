// What the management API does, apart from HTTP: first-time setup, login, password change.
import { z } from 'zod';
import { checkAdminPassword } from '../config/password-rule.ts';
import { CONFIG_SCHEMA_VERSION, MGMT_API_VERSION } from '../config/versions.ts';
import type { Clock } from '../runtime/clock.ts';
import type { DataDir } from '../runtime/data-dir.ts';
import type { StatusCertificate } from './certificates-routes.ts';
import type { Identity, MgmtBody, MgmtResponse, SipListenSocket, Status } from './contract.ts';
import { MgmtError } from './errors.ts';
import { LoginLockout } from './lockout.ts';
import { hashPassword, verifyPassword } from './password-hash.ts';
import { SessionStore } from './sessions.ts';
import { setupKeysMatch } from './setup-key.ts';

const DEFAULT_USER = 'admin';

export interface AdminServiceDeps {
  dataDir: DataDir;
  clock: Clock;
  version: string;
  managementFingerprint: string;
  sipListen: () => z.infer<typeof SipListenSocket>[];
  /** Own certificates with their days left, for /status. */
  certificates?: () => StatusCertificate[];
}

export class AdminService {
  private readonly deps: AdminServiceDeps;
  private readonly lockout: LoginLockout;
  private readonly sessions: SessionStore;
  private readonly startedAt: number;
  private setupRunning = false;

  constructor(deps: AdminServiceDeps) {
    this.deps = deps;
    this.lockout = new LoginLockout(deps.clock);
    this.sessions = new SessionStore(deps.clock);
    this.startedAt = deps.clock.now();
  }

  identity(): Identity {
    const engine = this.deps.dataDir.readEngine();
    return {
      id: engine.id,
      name: engine.name,
      version: this.deps.version,
      apiVersion: MGMT_API_VERSION,
      configSchemaVersion: CONFIG_SCHEMA_VERSION,
      provisioned: this.isProvisioned(),
      managementFingerprint: this.deps.managementFingerprint,
      sipListen: this.deps.sipListen(),
    };
  }

  status(): Status {
    const now = this.deps.clock.now();
    return {
      startedAt: new Date(this.startedAt).toISOString(),
      uptimeSeconds: Math.max(0, Math.round((now - this.startedAt) / 1000)),
      provisioned: this.isProvisioned(),
      version: this.deps.version,
      certificates: this.deps.certificates?.() ?? [],
    };
  }

  /** First-time setup, or a reset after the console issued a new setup key. */
  async setup(body: MgmtBody<'setup'>, source: string): Promise<MgmtResponse<'setup'>> {
    this.refuseWhileLocked(source);
    const expected = this.deps.dataDir.readSetupKey();
    if (!expected) {
      throw new MgmtError(
        409,
        'already-provisioned',
        'This engine is already set up. To reset the admin password, run "sbc-engine reset-password" at the engine and use the new setup key.',
      );
    }
    if (!setupKeysMatch(body.setupKey, expected)) {
      this.fail(source);
      throw new MgmtError(
        403,
        'wrong-setup-key',
        'The setup key is wrong. It is printed on the engine console and stored in its data folder as "setup-key".',
        { field: 'setupKey' },
      );
    }
    this.requireGoodPassword(body.password, 'password');
    // The key is used up before the first await: a second setup racing this one must not succeed too.
    if (this.setupRunning)
      throw new MgmtError(409, 'already-provisioned', 'Another setup with this key is in progress.');
    this.setupRunning = true;
    try {
      this.deps.dataDir.writeAdmin(DEFAULT_USER, await hashPassword(body.password));
      this.deps.dataDir.consumeSetupKey();
    } finally {
      this.setupRunning = false;
    }
    this.sessions.revokeAll();
    this.lockout.recordSuccess(source);
    return {};
  }

  async login(body: MgmtBody<'login'>, source: string): Promise<MgmtResponse<'login'>> {
    this.refuseWhileLocked(source);
    const admin = this.deps.dataDir.readAdmin();
    if (!admin) {
      throw new MgmtError(
        409,
        'not-provisioned',
        'This engine has no admin password yet: complete first-time setup.',
      );
    }
    const userMatches = body.user === undefined || body.user === admin.user;
    // Counted as a failure before the (slow) hash check, so that guesses sent in parallel meet the
    // lock too; a success below clears it again.
    this.fail(source);
    const passwordMatches = await verifyPassword(body.password, admin.password);
    if (!userMatches || !passwordMatches) {
      throw new MgmtError(401, 'wrong-password', 'The password is wrong.', { field: 'password' });
    }
    this.lockout.recordSuccess(source);
    const session = this.sessions.create();
    return { token: session.token, expiresAt: new Date(session.expiresAt).toISOString() };
  }

  logout(token: string): MgmtResponse<'logout'> {
    this.sessions.revoke(token);
    return {};
  }

  async changePassword(
    body: MgmtBody<'changePassword'>,
    token: string,
    source: string,
  ): Promise<MgmtResponse<'changePassword'>> {
    this.refuseWhileLocked(source);
    const admin = this.deps.dataDir.readAdmin();
    if (!admin) throw new MgmtError(409, 'not-provisioned', 'This engine has no admin password yet.');
    this.fail(source); // counted before the await, as in login()
    if (!(await verifyPassword(body.currentPassword, admin.password))) {
      throw new MgmtError(401, 'wrong-password', 'The current password is wrong.', {
        field: 'currentPassword',
      });
    }
    this.lockout.recordSuccess(source);
    this.requireGoodPassword(body.newPassword, 'newPassword');
    this.deps.dataDir.writeAdmin(admin.user, await hashPassword(body.newPassword));
    // Other sessions were opened with the old password: they end, this one stays.
    this.sessions.revokeAll();
    this.sessions.adopt(token);
    return {};
  }

  authenticate(token: string | undefined): void {
    if (!token || !this.sessions.touch(token)) {
      throw new MgmtError(401, 'unauthorized', 'Log in first: the session is missing or has expired.');
    }
  }

  private isProvisioned(): boolean {
    return this.deps.dataDir.readAdmin() !== undefined;
  }

  private requireGoodPassword(password: string, field: string): void {
    const problem = checkAdminPassword(password);
    if (problem) {
      throw new MgmtError(
        400,
        'invalid-body',
        `${field}: the password is ${problem === 'too-short' ? 'too short' : 'too long'}.`,
        { field },
      );
    }
  }

  private refuseWhileLocked(source: string): void {
    const verdict = this.lockout.check(source);
    if (!verdict.allowed) this.lockedOut(verdict.retryAfterSeconds);
  }

  // The failing attempt itself still gets its own answer (wrong password); the lock applies from
  // the next attempt on.
  private fail(source: string): void {
    this.lockout.recordFailure(source);
  }

  private lockedOut(retryAfterSeconds: number): never {
    throw new MgmtError(
      429,
      'locked-out',
      `Too many failed attempts from this address. Try again in ${retryAfterSeconds} s.`,
      {
        retryAfterSeconds,
      },
    );
  }
}
