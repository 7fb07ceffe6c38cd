// The engine's certificates: own entries (key + leaf + chain, or a pending request) and trusted CAs,
// in one folder. store.json is the single index; each private key sits encrypted in keys/<id>.key.
// Every change is computed in memory, then written with writeFileAtomic: a new key file first, the
// index last. The index rename is the commit point, so a refused or failed import changes nothing.
import { X509Certificate, randomBytes } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../runtime/atomic-file.ts';
import { planImport, type ImportPlan } from './backup-import.ts';
import { createKeyAndRequest, type RequestSpec } from '../csr/index.ts';
import { CertificateStoreError } from './errors.ts';
import {
  readCertificates,
  readPkcs12Entry,
  readSignedCertificate,
  readTrustedCas,
  orderChain,
  type ChainPick,
} from './imports.ts';
import { loadOrCreateStoreKey, openKey, sealKey } from './key-box.ts';
import { emptyIndex, readIndex, type OwnEntry, type StoreIndex, type TrustedCa } from './schema.ts';
import { summarizeOwn, summarizeTrusted, type StoreListing } from './summary.ts';

export interface StoreOptions {
  /** Path of the 32-byte store key; created (0600) for a new store. Keep it out of backups of the folder. */
  keyFile: string;
  /** Roots every peer has, for judging a chain complete; Node's Mozilla list unless a test says otherwise. */
  publicRoots?: () => X509Certificate[];
}

export interface TlsMaterial {
  key: string;
  /** Leaf then intermediates, as node:tls wants `cert`. */
  cert: string;
}

function newId(): string {
  return randomBytes(8).toString('hex');
}

function now(): string {
  return new Date().toISOString();
}

function checkLabel(label: string): string {
  const trimmed = label.trim();
  if (!trimmed) throw new CertificateStoreError('give the entry a label, such as "Teams SBC 2026"');
  return trimmed;
}

export class CertificateStore {
  private readonly folder: string;
  private readonly storeKey: Buffer;
  private readonly publicRoots: () => X509Certificate[];
  private index: StoreIndex;

  private constructor(
    folder: string,
    storeKey: Buffer,
    index: StoreIndex,
    publicRoots: () => X509Certificate[],
  ) {
    this.folder = folder;
    this.storeKey = storeKey;
    this.index = index;
    this.publicRoots = publicRoots;
  }

  static open(folder: string, options: StoreOptions): CertificateStore {
    mkdirSync(join(folder, 'keys'), { recursive: true, mode: 0o700 });
    const index = readIndex(join(folder, 'store.json'));
    // A missing key file may be created only while no key depends on it.
    const storeKey = loadOrCreateStoreKey(options.keyFile, !index?.own.length);
    return new CertificateStore(
      folder,
      storeKey,
      index ?? emptyIndex(),
      options.publicRoots ?? nodePublicRoots,
    );
  }

  list(): StoreListing {
    return {
      own: this.index.own.map((entry) => summarizeOwn(entry)),
      trustedCas: this.index.trustedCas.map((entry) => summarizeTrusted(entry)),
    };
  }

  /** Makes a key and a request; returns the entry id and the PEM request to send to the CA. */
  async createRequest(label: string, spec: RequestSpec): Promise<{ id: string; csrPem: string }> {
    const name = checkLabel(label);
    const { keyPem, csrPem } = await createKeyAndRequest(spec);
    const id = newId();
    const request = { algorithm: spec.algorithm, commonName: spec.commonName, dnsNames: spec.dnsNames };
    const entry: OwnEntry = { id, label: name, createdAt: now(), request, csrPem, chainPems: [] };
    this.commit({ ...this.index, own: [...this.index.own, entry] }, { id, keyPem });
    return { id, csrPem };
  }

  /** The CA's answer onto its pending request. Any chain in the same file is imported with it. */
  importSigned(id: string, bytes: Buffer): ChainPick {
    const entry = this.own(id);
    if (entry.leafPem)
      throw new CertificateStoreError(
        `"${entry.label}" already has its certificate; create a new request to renew`,
      );
    const { leafPem, chain } = readSignedCertificate(bytes, this.keyOf(id), this.knownRoots());
    this.replaceOwn({ ...entry, leafPem, chainPems: chain.chainPems });
    return chain;
  }

  /** Adds intermediates (PEM, DER, PKCS#7, PFX without key) to an entry's chain, ordered. */
  importIntermediates(id: string, bytes: Buffer): ChainPick {
    const entry = this.own(id);
    if (!entry.leafPem)
      throw new CertificateStoreError(
        `"${entry.label}" has no certificate yet; import the signed certificate first`,
      );
    const leaf = new X509Certificate(entry.leafPem);
    const current = entry.chainPems.map((pem) => new X509Certificate(pem));
    // orderChain drops the leaf if the CA's bundle repeats it, and refuses any other non-CA.
    const added = readCertificates(bytes, 'intermediates');
    const chain = orderChain(leaf, [...current, ...added], this.knownRoots());
    this.replaceOwn({ ...entry, chainPems: chain.chainPems });
    return chain;
  }

  /** A Windows/openssl export: key, leaf and chain in one go, as a new entry. */
  importPkcs12(label: string, bytes: Buffer, password: string): { id: string } & ChainPick {
    const name = checkLabel(label);
    const { keyPem, leafPem, chain } = readPkcs12Entry(bytes, password, this.knownRoots());
    const id = newId();
    const entry: OwnEntry = { id, label: name, createdAt: now(), leafPem, chainPems: chain.chainPems };
    this.commit({ ...this.index, own: [...this.index.own, entry] }, { id, keyPem });
    return { id, ...chain };
  }

  /** Trusts the CA certificate(s) in the file; a file with a leaf in it is refused as a whole. */
  addTrustedCa(label: string, bytes: Buffer): { ids: string[] } {
    const name = checkLabel(label);
    const known = new Set(this.trusted().map((cert) => cert.fingerprint256));
    const fresh = readTrustedCas(bytes).filter((cert) => !known.has(cert.fingerprint256));
    const added: TrustedCa[] = fresh.map((cert, i) => ({
      id: newId(),
      label: fresh.length > 1 ? `${name} (${i + 1})` : name,
      createdAt: now(),
      certPem: cert.toString(),
    }));
    if (added.length) this.commit({ ...this.index, trustedCas: [...this.index.trustedCas, ...added] });
    return { ids: added.map((entry) => entry.id) };
  }

  remove(id: string): void {
    const own = this.index.own.filter((entry) => entry.id !== id);
    const trustedCas = this.index.trustedCas.filter((entry) => entry.id !== id);
    if (own.length === this.index.own.length && trustedCas.length === this.index.trustedCas.length)
      throw new CertificateStoreError(`no certificate entry with id ${id}`);
    this.commit({ ...this.index, own, trustedCas });
    // After the commit: a crash here leaves an unreferenced encrypted file, never a dangling entry.
    rmSync(this.keyPath(id), { force: true });
  }

  /** The one way key material leaves the store: for the engine's own TLS listener. */
  tlsMaterial(id: string): TlsMaterial {
    const entry = this.own(id);
    if (!entry.leafPem)
      throw new CertificateStoreError(
        `"${entry.label}" has no certificate yet; import the signed certificate first`,
      );
    const cert = [entry.leafPem, ...entry.chainPems].map((pem) => pem.trimEnd() + '\n').join('');
    return { key: this.keyOf(id), cert };
  }

  /** Trusted CA certificates, for chain checks and for verifying TLS peers. */
  trustedCaPems(): string[] {
    return this.index.trustedCas.map((entry) => entry.certPem);
  }

  /** For a backup: the index (public parts) and every own entry's private key. */
  exportForBackup(): { index: StoreIndex; privateKeys: Record<string, string> } {
    const privateKeys: Record<string, string> = {};
    for (const entry of this.index.own) {
      if (existsSync(this.keyPath(entry.id))) privateKeys[entry.id] = this.keyOf(entry.id);
    }
    return { index: structuredClone(this.index), privateKeys };
  }

  /** What importing a backup's entries would do; refuses (changing nothing) a key that does not fit. */
  planBackupImport(index: StoreIndex, privateKeys: Record<string, string> | null): ImportPlan {
    return planImport(this.index, (id) => existsSync(this.keyPath(id)), index, privateKeys);
  }

  /**
   * Applies a plan: key files first, the index last (the commit point). Returns an undo that puts
   * back the index and the key files as they were, for a restore whose config apply then fails.
   */
  applyBackupImport(plan: ImportPlan): { undo: () => void } {
    const before = this.index;
    const oldKeys = new Map<string, Buffer | null>();
    const restoreKeys = () => {
      for (const [id, bytes] of oldKeys) {
        if (bytes) writeFileAtomic(this.keyPath(id), bytes);
        else rmSync(this.keyPath(id), { force: true });
      }
    };
    try {
      for (const [id, keyPem] of Object.entries(plan.keys)) {
        oldKeys.set(id, existsSync(this.keyPath(id)) ? readFileSync(this.keyPath(id)) : null);
        writeFileAtomic(this.keyPath(id), sealKey(this.storeKey, id, keyPem));
      }
      this.commit(plan.next);
    } catch (error) {
      restoreKeys();
      throw error;
    }
    return {
      undo: () => {
        this.commit(before);
        restoreKeys();
      },
    };
  }

  private trusted(): X509Certificate[] {
    return this.index.trustedCas.map((entry) => new X509Certificate(entry.certPem));
  }

  /**
   * Roots a chain may end at and still count as complete: the trusted CAs plus the public roots
   * every peer has (Node's Mozilla list). A chain that stops below DigiCert Global Root G2 is what a
   * CA delivers and what Teams expects; calling its issuer "missing" would send the admin hunting.
   */
  private knownRoots(): X509Certificate[] {
    return [...this.trusted(), ...this.publicRoots()];
  }

  private own(id: string): OwnEntry {
    const entry = this.index.own.find((candidate) => candidate.id === id);
    if (!entry) throw new CertificateStoreError(`no own certificate entry with id ${id}`);
    return entry;
  }

  private keyPath(id: string): string {
    return join(this.folder, 'keys', `${id}.key`);
  }

  private keyOf(id: string): string {
    return openKey(this.storeKey, id, readFileSync(this.keyPath(id)));
  }

  private replaceOwn(entry: OwnEntry): void {
    this.commit({ ...this.index, own: this.index.own.map((e) => (e.id === entry.id ? entry : e)) });
  }

  private commit(next: StoreIndex, newKey?: { id: string; keyPem: string }): void {
    if (newKey) writeFileAtomic(this.keyPath(newKey.id), sealKey(this.storeKey, newKey.id, newKey.keyPem));
    try {
      writeFileAtomic(join(this.folder, 'store.json'), JSON.stringify(next, null, 2) + '\n');
    } catch (error) {
      if (newKey) rmSync(this.keyPath(newKey.id), { force: true });
      throw error;
    }
    this.index = next;
  }
}

let parsedPublicRoots: X509Certificate[] | undefined;

function nodePublicRoots(): X509Certificate[] {
  parsedPublicRoots ??= rootCertificates.map((pem) => new X509Certificate(pem));
  return parsedPublicRoots;
}
