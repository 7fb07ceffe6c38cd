// What the certificate routes do, apart from HTTP: the engine's CertificateStore behind the API,
// and the choice of the certificate the SIP TLS listeners serve. Refused input becomes a 400 with
// the store's reason; bodies (passwords included) are never logged.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { loadBundledRoots, type BundledRoots } from '../certs/bundled-roots.ts';
import { checkRequestNames, validateRequestSpec, type KeyAlgorithm } from '../certs/csr/index.ts';
import { CertificateInputError } from '../certs/inspect/types.ts';
import {
  CertificateStore,
  CertificateStoreError,
  type ChainPick,
  type TlsMaterial,
} from '../certs/store/index.ts';
import { writeFileAtomic } from '../runtime/atomic-file.ts';
import type { CertificateListing, REQUEST_ALGORITHMS, StatusCertificate } from './certificates-routes.ts';
import type { MgmtBody, MgmtResponse } from './contract.ts';
import { MgmtError } from './errors.ts';

/** The store's folder and key file inside the data folder, and the file that remembers the SIP TLS choice. */
export function certificatePaths(dataDir: string): { folder: string; keyFile: string; sipTlsChoice: string } {
  const folder = join(dataDir, 'certs');
  return { folder, keyFile: join(folder, 'store.key'), sipTlsChoice: join(dataDir, 'sip-tls.json') };
}

// The contract lists the key algorithms again (see certificates-routes.ts); both lists must agree.
type ContractAlgorithm = (typeof REQUEST_ALGORITHMS)[number];
const algorithmListsAgree: [ContractAlgorithm, KeyAlgorithm] extends [KeyAlgorithm, ContractAlgorithm] ? true : false = true; // prettier-ignore
void algorithmListsAgree;

const SipTlsChoice = z.object({ certificateId: z.string() });

export function readSipTlsChoice(path: string): string | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return SipTlsChoice.parse(JSON.parse(readFileSync(path, 'utf8'))).certificateId;
  } catch {
    return undefined;
  }
}

export interface CertificatesServiceDeps {
  store: CertificateStore;
  /** Path of the file that remembers which own certificate SIP TLS serves. */
  sipTlsChoiceFile: string;
  /** The certificate SIP TLS serves now, or undefined while it serves the management certificate. */
  sipTlsCertificateId: string | undefined;
  /** Puts new TLS material on every SIP TLS listener; returns how many there are. */
  applySipTls: (material: TlsMaterial) => number;
  /** The roots shipped in resources/ca; undefined when the engine runs without its resources. */
  resourcesDir: string | undefined;
  /** Called after each change the store accepted (the expiry warnings check again). */
  onChange?: () => void;
  /** The SBC FQDN of the config in effect (system.fqdn), null while none is set. */
  configuredFqdn?: () => string | null;
}

// Errors that come from what the admin sent: the store's refusals, unreadable files, and OpenSSL's
// complaints about bytes it cannot decode. Anything else (a full disk) stays a 500 with a log line.
function isInputError(error: unknown): error is Error {
  if (error instanceof CertificateStoreError || error instanceof CertificateInputError) return true;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && (code.startsWith('ERR_OSSL') || code.startsWith('ERR_CRYPTO'));
}

function fieldOf(error: Error, fallback: string): string {
  if (/no (own )?certificate entry with id/.test(error.message)) return 'id';
  if (/give the entry a label/.test(error.message)) return 'label';
  return fallback;
}

function refused(error: unknown, field: string): never {
  if (!isInputError(error)) throw error;
  const name = fieldOf(error, field);
  throw new MgmtError(400, 'invalid-body', `${name}: ${error.message}`, { field: name });
}

/** PEM stays text; anything else is base64 of the file's bytes (DER, PKCS#7, PKCS#12). */
export function fileBytes(text: string, field: string): Buffer {
  if (text.includes('-----BEGIN')) return Buffer.from(text, 'utf8');
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact) || compact.length % 4 === 1) {
    throw new MgmtError(
      400,
      'invalid-body',
      `${field}: expected a PEM certificate or the file's bytes as base64`,
      { field },
    );
  }
  return Buffer.from(compact, 'base64');
}

function chainResult(chain: ChainPick): { setAsideRoots: string[]; problems: ChainPick['problems'] } {
  return { setAsideRoots: chain.setAsideRoots, problems: chain.problems };
}

export class CertificatesService {
  private readonly deps: CertificatesServiceDeps;
  private sipTlsId: string | undefined;
  private roots: Promise<BundledRoots> | undefined;

  constructor(deps: CertificatesServiceDeps) {
    this.deps = deps;
    this.sipTlsId = deps.sipTlsCertificateId;
  }

  list(): CertificateListing {
    const listing = this.deps.store.list();
    return { ...listing, sipTlsCertificateId: this.sipTlsId ?? null };
  }

  /** Own certificates with a leaf, for /status and the expiry warnings. */
  statusCertificates(): StatusCertificate[] {
    return this.deps.store
      .list()
      .own.flatMap((entry) =>
        entry.certificate ? [{ id: entry.id, label: entry.label, daysLeft: entry.certificate.daysLeft }] : [],
      );
  }

  async createRequest(
    body: MgmtBody<'certificatesCreateRequest'>,
  ): Promise<MgmtResponse<'certificatesCreateRequest'>> {
    const spec = { algorithm: body.algorithm, commonName: body.commonName.trim(), dnsNames: body.dnsNames };
    try {
      validateRequestSpec(spec);
    } catch (error) {
      const message = (error as Error).message;
      const field = /common name/.test(message) && !/DNS names/.test(message) ? 'commonName' : 'dnsNames';
      throw new MgmtError(400, 'invalid-body', `${field}: ${message}`, { field });
    }
    // The names must hold the request's own common name (the SBC FQDN the admin typed); they are
    // also held against the FQDN of the config in effect, as a warning only: a request for a new
    // name is made before the config moves to it.
    const nameProblems = checkRequestNames(spec.dnsNames, spec.commonName);
    const configured = this.deps.configuredFqdn?.();
    if (configured && !spec.dnsNames.some((name) => name.toLowerCase() === configured.toLowerCase())) {
      nameProblems.push({
        code: 'config-fqdn-missing',
        severity: 'warning',
        message: `the configuration's SBC FQDN is ${configured}, which this request does not name: Contact headers and Teams pair ${configured}, so peers would refuse this certificate until the configuration changes to ${spec.commonName}`,
      });
    }
    const blocking = nameProblems.find((problem) => problem.severity === 'error');
    if (blocking)
      throw new MgmtError(400, 'invalid-body', `dnsNames: ${blocking.message}`, { field: 'dnsNames' });
    let created: { id: string; csrPem: string };
    try {
      created = await this.deps.store.createRequest(body.label, spec);
    } catch (error) {
      refused(error, 'label');
    }
    this.deps.onChange?.();
    return { ...created, nameProblems };
  }

  importSigned(body: MgmtBody<'certificatesImportSigned'>): MgmtResponse<'certificatesImportSigned'> {
    const bytes = fileBytes(body.pem, 'pem');
    try {
      return this.changed(chainResult(this.deps.store.importSigned(body.id, bytes)));
    } catch (error) {
      refused(error, 'pem');
    }
  }

  importIntermediates(
    body: MgmtBody<'certificatesImportIntermediates'>,
  ): MgmtResponse<'certificatesImportIntermediates'> {
    const bytes = fileBytes(body.pem, 'pem');
    try {
      const chain = this.deps.store.importIntermediates(body.id, bytes);
      // The listener serving this entry sends the longer chain from the next handshake on.
      if (this.sipTlsId === body.id) this.deps.applySipTls(this.deps.store.tlsMaterial(body.id));
      return this.changed(chainResult(chain));
    } catch (error) {
      refused(error, 'pem');
    }
  }

  importPkcs12(body: MgmtBody<'certificatesImportPkcs12'>): MgmtResponse<'certificatesImportPkcs12'> {
    const bytes = fileBytes(body.dataBase64, 'dataBase64');
    try {
      const { id, ...chain } = this.deps.store.importPkcs12(body.label, bytes, body.password);
      return this.changed({ id, ...chainResult(chain) });
    } catch (error) {
      // The message comes from the store and the PKCS#12 reader, which never repeat the password.
      refused(error, 'dataBase64');
    }
  }

  addTrusted(body: MgmtBody<'certificatesAddTrusted'>): MgmtResponse<'certificatesAddTrusted'> {
    const bytes = fileBytes(body.pem, 'pem');
    try {
      return this.changed(this.deps.store.addTrustedCa(body.label, bytes));
    } catch (error) {
      refused(error, 'pem');
    }
  }

  async bundledRoots(): Promise<MgmtResponse<'certificatesBundledRoots'>> {
    const { roots, unavailable } = await this.loadBundledRoots();
    const trusted = new Set(
      this.deps.store.list().trustedCas.map((entry) => entry.certificate.sha256Fingerprint),
    );
    return {
      roots: [
        ...roots.map((root) => ({
          name: root.name,
          available: true,
          why: root.why,
          sha256: root.sha256,
          notAfter: root.notAfter.toISOString(),
          expired: root.expired,
          trusted: trusted.has(root.sha256),
        })),
        ...unavailable.map((root) => ({
          name: root.name,
          available: false,
          why: root.why,
          reason: root.reason,
          expired: false,
          trusted: false,
        })),
      ],
    };
  }

  /** Trusts a bundled root by its name, as profiles refer to it; adding it twice changes nothing. */
  async addBundledRoot(
    body: MgmtBody<'certificatesAddBundledRoot'>,
  ): Promise<MgmtResponse<'certificatesAddBundledRoot'>> {
    const { roots, unavailable } = await this.loadBundledRoots();
    const root = roots.find((candidate) => candidate.name === body.name);
    if (!root) {
      const missing = unavailable.find((candidate) => candidate.name === body.name);
      const message = missing
        ? `name: "${body.name}" is not in this engine's bundle (${missing.reason}); import its PEM file instead`
        : `name: no bundled root is called "${body.name}"`;
      throw new MgmtError(400, 'invalid-body', message, { field: 'name' });
    }
    try {
      return this.changed(this.deps.store.addTrustedCa(root.name, Buffer.from(root.pem, 'utf8')));
    } catch (error) {
      refused(error, 'name');
    }
  }

  remove(body: MgmtBody<'certificatesRemove'>): MgmtResponse<'certificatesRemove'> {
    if (body.id === this.sipTlsId)
      throw new MgmtError(
        400,
        'invalid-body',
        'id: this certificate is serving SIP TLS; choose another certificate for SIP TLS first',
        { field: 'id' },
      );
    try {
      this.deps.store.remove(body.id);
    } catch (error) {
      refused(error, 'id');
    }
    return this.changed({});
  }

  private changed<T>(answer: T): T {
    this.deps.onChange?.();
    return answer;
  }

  // Read once: the bundle does not change while the engine runs. A broken bundle is a broken
  // installation, reported as such (500 with the file at fault in the log), not as bad input.
  private loadBundledRoots(): Promise<BundledRoots> {
    const dir = this.deps.resourcesDir;
    if (!dir)
      return Promise.reject(
        new MgmtError(
          404,
          'not-found',
          'this engine runs without its resources folder, so it has no bundled roots',
        ),
      );
    this.roots ??= loadBundledRoots(dir);
    this.roots.catch(() => (this.roots = undefined));
    return this.roots;
  }

  useForSipTls(body: MgmtBody<'certificatesUseForSipTls'>): MgmtResponse<'certificatesUseForSipTls'> {
    let listeners: number;
    try {
      listeners = this.deps.applySipTls(this.deps.store.tlsMaterial(body.id));
    } catch (error) {
      refused(error, 'id');
    }
    writeFileAtomic(this.deps.sipTlsChoiceFile, JSON.stringify({ certificateId: body.id }) + '\n', 0o644);
    this.sipTlsId = body.id;
    return { listeners };
  }
}
