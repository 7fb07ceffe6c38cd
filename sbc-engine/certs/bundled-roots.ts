// The one door to the CA roots bundled in resources/ca/ (CONVENTIONS.md: "Resources are data loaded
// through one door"). The roots are public certificates copied from Debian's ca-certificates package by
// scripts/update-ca-roots.ts; index.json names each one, pins its SHA-256 fingerprint and says why it
// is bundled. Profiles refer to roots by name, so a tampered or swapped file must never load quietly.
import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

/** Folder inside resources/ that holds the roots and their index. */
export const CA_FOLDER = 'ca';
export const CA_INDEX_FILE = 'index.json';

const Fingerprint256 = z
  .string()
  .regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/, 'expected 32 colon-separated upper-case hex bytes');
// Plain file names only: the index must not point outside its folder.
const PemFileName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9.-]*\.pem$/, 'expected a plain lower-case file name ending in .pem');
const IsoDate = z.iso.datetime({
  message: 'expected an ISO 8601 date-time such as 2038-01-15T12:00:00.000Z',
});
const OneLine = z
  .string()
  .min(1)
  .regex(/^[^\n]*$/, 'expected one line');

export const AvailableRootEntry = z.object({
  name: z.string().min(1),
  available: z.literal(true),
  file: PemFileName,
  sha256: Fingerprint256,
  notAfter: IsoDate,
  source: z.string().min(1),
  why: OneLine,
});
export const UnavailableRootEntry = z.object({
  name: z.string().min(1),
  available: z.literal(false),
  reason: OneLine,
  why: OneLine,
});
export const RootIndexEntry = z.discriminatedUnion('available', [AvailableRootEntry, UnavailableRootEntry]);
export const RootIndex = z.object({
  schemaVersion: z.literal(1),
  generatedBy: z.string().optional(),
  roots: z.array(RootIndexEntry).min(1),
});
export type RootIndex = z.infer<typeof RootIndex>;
export type RootIndexEntry = z.infer<typeof RootIndexEntry>;

export interface BundledRoot {
  available: true;
  name: string;
  /** File name inside resources/ca/. */
  file: string;
  certificate: X509Certificate;
  pem: string;
  sha256: string;
  notAfter: Date;
  expired: boolean;
  source: string;
  why: string;
}

/** A root that old guides mention but that we could not take from Debian's packages. */
export interface UnavailableRoot {
  available: false;
  name: string;
  reason: string;
  why: string;
}

export type AnyBundledRoot = BundledRoot | UnavailableRoot;

export interface BundledRoots {
  /** Roots that loaded and passed every check, in index order. */
  roots: BundledRoot[];
  /** Roots listed in the index as not available, with the reason. */
  unavailable: UnavailableRoot[];
}

/** Refusal to load the bundle. `file` names the file at fault so a maintainer knows where to look. */
export class BundledRootsError extends Error {
  readonly file: string;

  constructor(file: string, message: string) {
    super(`[certs/roots] ${file}: ${message}`);
    this.name = 'BundledRootsError';
    this.file = file;
  }
}

export interface LoadBundledRootsOptions {
  /** The moment `expired` is judged against; defaults to now. */
  now?: Date;
}

/** Reads resources/ca/index.json and every PEM it lists; refuses the whole bundle on any fault. */
export async function loadBundledRoots(
  resourcesDir: string,
  options: LoadBundledRootsOptions = {},
): Promise<BundledRoots> {
  const now = options.now ?? new Date();
  const folder = join(resourcesDir, CA_FOLDER);
  const indexPath = join(folder, CA_INDEX_FILE);
  const index = parseRootIndex(await readText(indexPath), indexPath);

  const result: BundledRoots = { roots: [], unavailable: [] };
  for (const entry of index.roots) {
    if (!entry.available) {
      result.unavailable.push({ available: false, name: entry.name, reason: entry.reason, why: entry.why });
      continue;
    }
    const pemPath = join(folder, entry.file);
    const pem = await readText(pemPath);
    const certificate = checkRootPem(pem, pemPath, entry);
    const notAfter = certificate.validToDate;
    result.roots.push({
      available: true,
      name: entry.name,
      file: entry.file,
      certificate,
      pem,
      sha256: certificate.fingerprint256,
      notAfter,
      expired: notAfter.getTime() < now.getTime(),
      source: entry.source,
      why: entry.why,
    });
  }
  return result;
}

/** Parses and validates the text of index.json; errors name the entry and the field. */
export function parseRootIndex(text: string, indexPath = CA_INDEX_FILE): RootIndex {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new BundledRootsError(indexPath, `not valid JSON: ${describeJsonError(error, text)}`);
  }
  const parsed = RootIndex.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => describeIssue(issue, json));
    throw new BundledRootsError(indexPath, problems.join('; '));
  }
  const seen = new Map<string, number>();
  parsed.data.roots.forEach((entry, i) => {
    const key = entry.name.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      throw new BundledRootsError(indexPath, `roots[${i}] "${entry.name}": name repeats roots[${first}]`);
    }
    seen.set(key, i);
  });
  return parsed.data;
}

/**
 * Checks one PEM against its index entry: exactly one certificate, the pinned fingerprint, the
 * pinned expiry, self-signed and a CA. Returns the parsed certificate.
 */
export function checkRootPem(
  pem: string,
  pemPath: string,
  entry: Pick<z.infer<typeof AvailableRootEntry>, 'name' | 'sha256' | 'notAfter'>,
): X509Certificate {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----/g)?.length ?? 0;
  if (blocks !== 1) {
    throw new BundledRootsError(pemPath, `expected exactly one PEM certificate, found ${blocks}`);
  }
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(pem);
  } catch (error) {
    throw new BundledRootsError(
      pemPath,
      `is not a readable certificate (${errorText(error)}); the file is damaged or was altered — restore it with scripts/update-ca-roots.ts`,
    );
  }
  // The fingerprint comes first: it is the check that tells "someone changed this file".
  if (certificate.fingerprint256 !== entry.sha256) {
    throw new BundledRootsError(
      pemPath,
      `SHA-256 fingerprint ${certificate.fingerprint256} does not match the index (${entry.sha256}) for "${entry.name}"; the file was altered or swapped — refusing it`,
    );
  }
  if (certificate.validToDate.getTime() !== new Date(entry.notAfter).getTime()) {
    throw new BundledRootsError(
      pemPath,
      `notAfter ${certificate.validToDate.toISOString()} does not match the index (${entry.notAfter})`,
    );
  }
  if (!certificate.checkIssued(certificate) || !certificate.verify(certificate.publicKey)) {
    throw new BundledRootsError(pemPath, `"${entry.name}" is not self-signed, so it is not a root`);
  }
  if (!certificate.ca) {
    throw new BundledRootsError(
      pemPath,
      `"${entry.name}" is not a CA certificate (basicConstraints CA:FALSE)`,
    );
  }
  return certificate;
}

/** Finds a root by the name profiles use, ignoring case and surrounding spaces. */
export function findRoot(
  roots: BundledRoots | readonly AnyBundledRoot[],
  name: string,
): AnyBundledRoot | undefined {
  const list: readonly AnyBundledRoot[] = isRootSet(roots) ? [...roots.roots, ...roots.unavailable] : roots;
  const wanted = name.trim().toLowerCase();
  return list.find((root) => root.name.toLowerCase() === wanted);
}

function isRootSet(roots: BundledRoots | readonly AnyBundledRoot[]): roots is BundledRoots {
  return !Array.isArray(roots);
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new BundledRootsError(path, `cannot be read (${errorText(error)})`);
  }
}

function describeIssue(issue: z.core.$ZodIssue, json: unknown): string {
  const path = issue.path;
  let where = '';
  if (path[0] === 'roots' && typeof path[1] === 'number') {
    const name = entryName(json, path[1]);
    where = `roots[${path[1]}]${name ? ` "${name}"` : ''}`;
    const rest = path.slice(2).map(String);
    if (rest.length > 0) where += `: field "${rest.join('.')}"`;
  } else if (path.length > 0) {
    where = `field "${path.map(String).join('.')}"`;
  } else {
    where = 'top level';
  }
  // A discriminated union reports an unknown or missing `available` on the entry itself.
  if (issue.code === 'invalid_union' && path.length === 2) where += ': field "available"';
  return `${where}: ${issue.message}`;
}

function entryName(json: unknown, i: number): string | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const roots = (json as { roots?: unknown }).roots;
  if (!Array.isArray(roots)) return undefined;
  const entry: unknown = roots[i];
  if (typeof entry !== 'object' || entry === null) return undefined;
  const name = (entry as { name?: unknown }).name;
  return typeof name === 'string' ? name : undefined;
}

// V8's message does not always say where the JSON breaks (short inputs get a quoted snippet instead),
// so find the first offending byte ourselves and report it as offset, line and column.
function describeJsonError(error: unknown, text: string): string {
  const message = errorText(error).replace(/\s+/g, ' ');
  if (/position \d+/.test(message)) return message;
  const position = jsonErrorOffset(text);
  const before = text.slice(0, position).split('\n');
  const line = before.length;
  const column = (before.at(-1)?.length ?? 0) + 1;
  return `${message} (at position ${position}, line ${line} column ${column})`;
}

/** Offset of the first JSON syntax error in `text` (a small recursive-descent checker). */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw i;
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const literal = (word: string) => {
    if (!text.startsWith(word, i)) fail();
    i += word.length;
  };
  const string = () => {
    i++; // opening quote
    while (i < text.length && text[i] !== '"') {
      const ch = text.charCodeAt(i);
      if (ch < 0x20) fail();
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail();
      }
      i++;
    }
    if (i >= text.length) fail();
    i++;
  };
  const number = () => {
    const length = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i))?.[0].length ?? 0;
    if (length === 0) fail();
    i += length;
  };
  const value = (): void => {
    ws();
    const ch = text[i];
    if (ch === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else fail();
      }
    }
    if (ch === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else fail();
      }
    }
    if (ch === '"') return string();
    if (ch === 't') return literal('true');
    if (ch === 'f') return literal('false');
    if (ch === 'n') return literal('null');
    if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) return number();
    fail();
  };
  try {
    value();
    ws();
    return i < text.length ? i : text.length;
  } catch (offset) {
    return typeof offset === 'number' ? offset : 0;
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
