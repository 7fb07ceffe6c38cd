// The engine's data folder: identity, management key and certificate, admin credential and the
// pending setup key. Everything the engine must remember across restarts lives here.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { createSelfSignedCertificate } from '../certs/self-signed.ts';
import { generateSetupKey } from '../mgmt/setup-key.ts';
import type { PasswordHash } from '../mgmt/password-hash.ts';
import { writeFileAtomic } from './atomic-file.ts';
import { restrictToOwner } from './private-folder.ts';
import { DATA_FILES } from '../config/data-files.ts';

const EngineFile = z.object({ id: z.string(), name: z.string(), createdAt: z.string() });
const AdminFile = z.object({
  user: z.string(),
  password: z.object({
    algorithm: z.literal('scrypt'),
    N: z.number(),
    r: z.number(),
    p: z.number(),
    salt: z.string(),
    hash: z.string(),
  }),
  changedAt: z.string(),
});
export type AdminCredential = z.infer<typeof AdminFile>;

export interface FirstStartInfo {
  createdDataDir: boolean;
  newSetupKey?: string;
}

export class DataDir {
  readonly path: string;

  constructor(path: string) {
    this.path = path;
  }

  file(name: keyof typeof DATA_FILES): string {
    return join(this.path, DATA_FILES[name]);
  }

  ensureExists(): void {
    const created = mkdirSync(this.path, { recursive: true, mode: 0o700 });
    if (created !== undefined) restrictToOwner(this.path);
  }

  /** True when the folder holds an engine (a console command must not create a stray one). */
  isEngineFolder(): boolean {
    return existsSync(this.file('engine'));
  }

  /** Creates what a first start needs; later starts find it and change nothing. */
  async initialize(): Promise<FirstStartInfo> {
    const createdDataDir = !existsSync(this.file('engine'));
    this.ensureExists();
    if (!existsSync(this.file('engine'))) {
      const name = hostname() || 'sbc-engine';
      writeFileAtomic(
        this.file('engine'),
        JSON.stringify({ id: randomUUID(), name, createdAt: new Date().toISOString() }, null, 2),
        0o644,
      );
    }
    if (!existsSync(this.file('mgmtKey')) || !existsSync(this.file('mgmtCert'))) {
      const { keyPem, certPem } = await createSelfSignedCertificate({
        commonName: this.readEngine().name,
        dnsNames: ['localhost', ...(hostname() ? [hostname()] : [])],
        ipAddresses: ['127.0.0.1', '::1'],
      });
      writeFileAtomic(this.file('mgmtKey'), keyPem, 0o600);
      writeFileAtomic(this.file('mgmtCert'), certPem, 0o644);
    }
    let newSetupKey: string | undefined;
    if (!this.readAdmin() && !this.readSetupKey()) newSetupKey = this.issueSetupKey();
    return { createdDataDir, ...(newSetupKey ? { newSetupKey } : {}) };
  }

  readEngine(): z.infer<typeof EngineFile> {
    return this.readJson('engine', EngineFile)!;
  }

  readManagementTls(): { key: string; cert: string } {
    return {
      key: readFileSync(this.file('mgmtKey'), 'utf8'),
      cert: readFileSync(this.file('mgmtCert'), 'utf8'),
    };
  }

  readAdmin(): AdminCredential | undefined {
    return this.readJson('admin', AdminFile);
  }

  writeAdmin(user: string, password: PasswordHash): void {
    const record: AdminCredential = { user, password, changedAt: new Date().toISOString() };
    writeFileAtomic(this.file('admin'), JSON.stringify(record, null, 2), 0o600);
  }

  readSetupKey(): string | undefined {
    try {
      return readFileSync(this.file('setupKey'), 'utf8').trim() || undefined;
    } catch {
      return undefined;
    }
  }

  /** A new key replaces any older one; only the console (or first start) may call this. */
  issueSetupKey(): string {
    const key = generateSetupKey();
    writeFileAtomic(this.file('setupKey'), key + '\n', 0o600);
    return key;
  }

  consumeSetupKey(): void {
    rmSync(this.file('setupKey'), { force: true });
  }

  private readJson<T>(name: keyof typeof DATA_FILES, schema: z.ZodType<T>): T | undefined {
    let text: string;
    try {
      text = readFileSync(this.file(name), 'utf8');
    } catch {
      return undefined;
    }
    const parsed = schema.safeParse(JSON.parse(text));
    if (!parsed.success) {
      throw new Error(`${this.file(name)} is damaged: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    }
    return parsed.data;
  }
}
