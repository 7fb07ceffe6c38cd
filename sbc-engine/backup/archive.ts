// Packs an engine's state into an archive and opens one again. Pure apart from the crypto: no
// sockets, no files; the engine and the app hand in and take out plain values.
import { X509Certificate } from 'node:crypto';
import type { StoreIndex } from '../certs/store/schema.ts';
import { parseConfig, type Config } from '../config/schema/index.ts';
import { CONFIG_SCHEMA_VERSION } from '../config/versions.ts';
import { decodeContainer, encodeContainer, MAX_ARCHIVE_BYTES, type Member } from './container.ts';
import { extractSecrets, insertSecrets, markedSecretPaths, type PlacedSecret } from './config-secrets.ts';
import {
  AdminCredential,
  CurrentMember,
  HistoryMember,
  historyMemberName,
  SecretsPayload,
  SipTlsMember,
  StoreIndex as StoreIndexSchema,
  type HistoryInfo,
} from './content.ts';
import { BackupError } from './errors.ts';
import {
  CURRENT_MEMBER,
  FORMAT_NAME,
  FORMAT_VERSION,
  HISTORY_FOLDER,
  Manifest,
  MANIFEST_HASH_MEMBER,
  MANIFEST_MEMBER,
  manifestAad,
  SECRETS_MEMBER,
  sha256Hex,
  SIP_TLS_MEMBER,
  STORE_MEMBER,
  type SecretContents,
} from './manifest.ts';
import { open, prepareEncryption, seal, type KdfCost } from './secrets-box.ts';

export interface BackupSource {
  engine: { id: string; name: string; version: string };
  createdBy: string;
  createdAt: string;
  /** The config in effect, secrets included. */
  current: { version: number; config: unknown };
  /** Kept versions, secrets included, in any order. */
  history: { info: HistoryInfo; config: unknown }[];
  certificates: {
    index: StoreIndex;
    /** Private keys in PEM by entry id. */
    privateKeys: Record<string, string>;
    sipTlsCertificateId: string | null;
  };
  admin: AdminCredential | null;
}

export interface PackOptions {
  /** Without one, the archive holds no secret at all (the manifest still lists where they were). */
  passphrase?: string;
  kdfCost?: KdfCost;
  /** Secrets outside the configs that the archive should list as not carried (a repack without them). */
  unavailable?: { privateKeys: { id: string; label: string }[]; adminPassword: boolean };
}

export interface OpenedVersion {
  info: HistoryInfo;
  config: Config;
  /** Secrets this version had that the archive cannot give (no passphrase): markers are in their place. */
  missingSecrets: string[];
}

export interface OpenedBackup {
  manifest: Manifest;
  current: { version: number; config: Config; missingSecrets: string[] };
  /** Newest first. */
  history: OpenedVersion[];
  certificates: {
    index: StoreIndex;
    /** Null while the secrets are not opened. */
    privateKeys: Record<string, string> | null;
    sipTlsCertificateId: string | null;
  };
  admin: AdminCredential | null;
  /** True when a passphrase opened secrets.enc. */
  secretsOpened: boolean;
  /** The schema version the configs were upgraded from, when older than this engine's. */
  migratedFrom?: number;
}

const HISTORY_NAME = /^config\/history\/\d{6,}\.json$/;

export async function packBackup(source: BackupSource, options: PackOptions = {}): Promise<Buffer> {
  const prepared = options.passphrase
    ? await prepareEncryption(options.passphrase, options.kdfCost)
    : undefined;
  // Oldest history goes first when a huge config would push the archive past its limit.
  const history = [...source.history].sort((a, b) => b.info.version - a.info.version);
  const notes: string[] = [];
  for (;;) {
    const bytes = build(source, history, notes, prepared, options.unavailable);
    if (bytes.length <= MAX_ARCHIVE_BYTES || history.length === 0) return encodeContainer(bytes.members);
    const dropped = history.pop()!;
    notes.splice(0, notes.length, `history before version ${dropped.info.version + 1} was left out to keep the archive under ${MAX_ARCHIVE_BYTES} bytes`); // prettier-ignore
  }
}

function build(
  source: BackupSource,
  history: BackupSource['history'],
  notes: string[],
  prepared: Awaited<ReturnType<typeof prepareEncryption>> | undefined,
  unavailable?: PackOptions['unavailable'],
): { members: Member[]; length: number } {
  const members: Member[] = [];
  const secrets: SecretsPayload = { configs: {}, privateKeys: {}, admin: source.admin };
  const contents: SecretContents = {
    configs: {},
    privateKeys: source.certificates.index.own
      .filter((entry) => source.certificates.privateKeys[entry.id] !== undefined)
      .map((entry) => ({ id: entry.id, label: entry.label })),
    adminPassword: source.admin !== null || (unavailable?.adminPassword ?? false),
  };
  for (const key of unavailable?.privateKeys ?? []) {
    if (!contents.privateKeys.some((listed) => listed.id === key.id)) contents.privateKeys.push(key);
  }
  const addConfig = (name: string, record: Record<string, unknown>, config: unknown) => {
    const { redacted, secrets: found } = extractSecrets(config);
    if (found.length) secrets.configs[name] = found;
    // Markers that came in without a value (a repack without the passphrase) are listed too.
    const marked = markedSecretPaths(redacted);
    if (marked.length) contents.configs[name] = marked;
    members.push(jsonMember(name, { ...record, config: redacted }));
  };
  addConfig(CURRENT_MEMBER, { version: source.current.version }, source.current.config);
  for (const { info, config } of history) addConfig(historyMemberName(info.version), { ...info }, config);
  members.push(jsonMember(STORE_MEMBER, source.certificates.index));
  members.push(jsonMember(SIP_TLS_MEMBER, { certificateId: source.certificates.sipTlsCertificateId }));
  for (const { id } of contents.privateKeys) secrets.privateKeys[id] = source.certificates.privateKeys[id]!;

  const manifest: Manifest = {
    format: FORMAT_NAME,
    formatVersion: FORMAT_VERSION,
    engine: source.engine,
    configSchemaVersion: CONFIG_SCHEMA_VERSION,
    configVersion: source.current.version,
    createdAt: source.createdAt,
    createdBy: source.createdBy,
    members: members.map(entryOf),
    secrets: { contents, encryption: prepared?.encryption ?? null },
    notes: [...notes],
  };
  if (prepared) {
    const plaintext = Buffer.from(JSON.stringify(secrets), 'utf8');
    const sealed = seal(prepared.key, prepared.encryption, manifestAad(manifest), plaintext);
    const member = { name: SECRETS_MEMBER, data: sealed };
    members.push(member);
    manifest.members.push(entryOf(member));
  }
  const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8');
  const all = [
    { name: MANIFEST_MEMBER, data: manifestBytes },
    { name: MANIFEST_HASH_MEMBER, data: Buffer.from(sha256Hex(manifestBytes) + '\n', 'ascii') },
    ...members,
  ];
  return { members: all, length: all.reduce((sum, m) => sum + m.data.length + m.name.length + 6, 32) };
}

function jsonMember(name: string, value: unknown): Member {
  return { name, data: Buffer.from(JSON.stringify(value, null, 2) + '\n', 'utf8') };
}

function entryOf(member: Member): Manifest['members'][number] {
  return { name: member.name, size: member.data.length, sha256: sha256Hex(member.data) };
}

/** Reads the manifest and checks every member against it; opens the secrets when a passphrase is given. */
export async function openBackup(
  bytes: Buffer,
  options: { passphrase?: string } = {},
): Promise<OpenedBackup> {
  const members = new Map(decodeContainer(bytes).map((member) => [member.name, member.data]));
  const manifest = readManifest(members);
  checkMembers(manifest, members);

  let secrets: SecretsPayload | null = null;
  const encryption = manifest.secrets.encryption;
  if (encryption && options.passphrase !== undefined) {
    const plaintext = await open(options.passphrase, encryption, manifestAad(manifest), members.get(SECRETS_MEMBER)!); // prettier-ignore
    secrets = parseJson(SECRETS_MEMBER, plaintext, SecretsPayload);
  }

  const configOf = (name: string, raw: unknown) => {
    const { config, missing } = insertSecrets(raw, secrets?.configs[name] ?? []);
    const parsed = parseConfig(config);
    if (!parsed.ok) {
      const first = parsed.errors[0]!;
      throw new BackupError('invalid-content', `${name} holds no valid configuration (${first.path || 'config'}: ${first.message})`, name); // prettier-ignore
    }
    return { config: parsed.config, missingSecrets: missing };
  };
  const currentRecord = parseJson(CURRENT_MEMBER, members.get(CURRENT_MEMBER)!, CurrentMember);
  const current = { version: currentRecord.version, ...configOf(CURRENT_MEMBER, currentRecord.config) };
  const history: OpenedVersion[] = [...members.keys()]
    .filter((name) => HISTORY_NAME.test(name))
    .map((name) => {
      const { config, ...info } = parseJson(name, members.get(name)!, HistoryMember);
      if (historyMemberName(info.version) !== name) {
        throw new BackupError('invalid-content', `${name} holds version ${info.version}`, name);
      }
      return { info, ...configOf(name, config) };
    })
    .sort((a, b) => b.info.version - a.info.version);
  const index = parseJson(STORE_MEMBER, members.get(STORE_MEMBER)!, StoreIndexSchema);
  const sipTls = parseJson(SIP_TLS_MEMBER, members.get(SIP_TLS_MEMBER)!, SipTlsMember);
  if (secrets) {
    for (const id of Object.keys(secrets.privateKeys)) {
      if (!index.own.some((entry) => entry.id === id)) {
        throw new BackupError('invalid-content', `${SECRETS_MEMBER} holds a key for entry ${id}, which certs/store.json does not list`, SECRETS_MEMBER); // prettier-ignore
      }
    }
  }
  return {
    manifest,
    current,
    history,
    certificates: {
      index,
      privateKeys: secrets ? secrets.privateKeys : null,
      sipTlsCertificateId: sipTls.certificateId,
    },
    admin: secrets?.admin ?? null,
    secretsOpened: secrets !== null,
    ...(manifest.configSchemaVersion < CONFIG_SCHEMA_VERSION
      ? { migratedFrom: manifest.configSchemaVersion }
      : {}),
  };
}

function readManifest(members: Map<string, Buffer>): Manifest {
  const manifestBytes = members.get(MANIFEST_MEMBER);
  if (!manifestBytes)
    throw new BackupError('malformed', `the archive has no ${MANIFEST_MEMBER}`, MANIFEST_MEMBER);
  const recorded = members.get(MANIFEST_HASH_MEMBER)?.toString('ascii').trim();
  if (recorded !== sha256Hex(manifestBytes)) {
    throw new BackupError(
      'tampered',
      `${MANIFEST_MEMBER} does not match ${MANIFEST_HASH_MEMBER}: the manifest was damaged or changed`,
      MANIFEST_MEMBER,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(manifestBytes.toString('utf8'));
  } catch (error) {
    throw new BackupError('malformed', `${MANIFEST_MEMBER} is not JSON (${(error as Error).message})`, MANIFEST_MEMBER); // prettier-ignore
  }
  const head = json as { format?: unknown; formatVersion?: unknown; configSchemaVersion?: unknown } | null;
  if (head?.format !== FORMAT_NAME) {
    throw new BackupError('malformed', `${MANIFEST_MEMBER} is not an SBC Studio backup manifest`, MANIFEST_MEMBER); // prettier-ignore
  }
  if (typeof head.formatVersion === 'number' && head.formatVersion > FORMAT_VERSION) {
    throw new BackupError('too-new', `this archive is format version ${head.formatVersion}, written by a newer SBC Studio; this one reads version ${FORMAT_VERSION}. Update SBC Studio to open it.`, MANIFEST_MEMBER); // prettier-ignore
  }
  if (typeof head.configSchemaVersion === 'number' && head.configSchemaVersion > CONFIG_SCHEMA_VERSION) {
    throw new BackupError('too-new', `this archive holds configuration schema version ${head.configSchemaVersion}, newer than the ${CONFIG_SCHEMA_VERSION} this SBC Studio and engine know. Update them before restoring it.`, MANIFEST_MEMBER); // prettier-ignore
  }
  const parsed = Manifest.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BackupError('malformed', `${MANIFEST_MEMBER}: ${issue.path.join('.') || 'manifest'}: ${issue.message}`, MANIFEST_MEMBER); // prettier-ignore
  }
  return parsed.data;
}

function checkMembers(manifest: Manifest, members: Map<string, Buffer>): void {
  const listed = new Map(manifest.members.map((entry) => [entry.name, entry]));
  for (const [name, data] of members) {
    if (name === MANIFEST_MEMBER || name === MANIFEST_HASH_MEMBER) continue;
    const entry = listed.get(name);
    if (!entry) throw new BackupError('tampered', `member ${name} is not listed in the manifest`, name);
    if (entry.size !== data.length || entry.sha256 !== sha256Hex(data)) {
      throw new BackupError(
        'tampered',
        `member ${name} does not match the SHA-256 and size in the manifest: it was damaged or changed`,
        name,
      );
    }
  }
  for (const entry of manifest.members) {
    if (!members.has(entry.name)) {
      throw new BackupError(
        'tampered',
        `member ${entry.name} is listed in the manifest but missing`,
        entry.name,
      );
    }
    const known = [CURRENT_MEMBER, STORE_MEMBER, SIP_TLS_MEMBER, SECRETS_MEMBER].includes(entry.name) || HISTORY_NAME.test(entry.name); // prettier-ignore
    if (!known) throw new BackupError('malformed', `member ${entry.name} is not part of this archive format`, entry.name); // prettier-ignore
  }
  for (const required of [CURRENT_MEMBER, STORE_MEMBER, SIP_TLS_MEMBER]) {
    if (!members.has(required))
      throw new BackupError('malformed', `the archive has no ${required}`, required);
  }
  if (manifest.secrets.encryption && !members.has(SECRETS_MEMBER)) {
    throw new BackupError(
      'malformed',
      `the manifest names ${SECRETS_MEMBER}, which is missing`,
      SECRETS_MEMBER,
    );
  }
  void HISTORY_FOLDER;
}

function parseJson<T>(
  name: string,
  data: Buffer,
  schema: {
    safeParse(
      value: unknown,
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
): T {
  let json: unknown;
  try {
    json = JSON.parse(data.toString('utf8'));
  } catch (error) {
    throw new BackupError('invalid-content', `${name} is not JSON (${(error as Error).message})`, name);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BackupError('invalid-content', `${name}: ${issue.path.map(String).join('.') || 'content'}: ${issue.message}`, name); // prettier-ignore
  }
  return parsed.data;
}

/** What a restore without the secrets leaves out, as the report lists it. */
export function missingSecrets(opened: OpenedBackup): {
  configs: Record<string, string[]>;
  privateKeys: { id: string; label: string }[];
  adminPassword: boolean;
} {
  if (opened.secretsOpened) return { configs: {}, privateKeys: [], adminPassword: false };
  const contents = opened.manifest.secrets.contents;
  return {
    configs: contents.configs,
    privateKeys: contents.privateKeys,
    adminPassword: contents.adminPassword,
  };
}

/** A leaf's subject and validity, for listings (null for a pending request). */
export function describeLeaf(
  pem: string | undefined,
): { subject: string; notAfter: string; fingerprint: string } | null {
  if (!pem) return null;
  try {
    const cert = new X509Certificate(pem);
    return {
      subject: cert.subject.replace(/\n/g, ', '),
      notAfter: new Date(cert.validTo).toISOString(),
      fingerprint: cert.fingerprint256,
    };
  } catch {
    return null;
  }
}
export type { PlacedSecret };
