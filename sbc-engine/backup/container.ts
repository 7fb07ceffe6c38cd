// The archive container: a magic line, then length-prefixed members, nothing else. Written and read
// here instead of zip or tar so that every rule a hostile archive could bend is in one place: a name
// is checked before it is used, a declared size before a byte is read, and nothing is ever written to
// disk by member name (restore maps the few known names onto the engine's stores). See FORMAT.md.
import { BackupError } from './errors.ts';
import { MAX_ARCHIVE_BYTES } from './schemas.ts';

export { MAX_ARCHIVE_BYTES };

export const MAGIC = Buffer.from('SBC-STUDIO-BACKUP\n', 'ascii');
export const CONTAINER_VERSION = 1;
/** manifest, current config, 20 history versions, store index, SIP TLS choice, secrets: 25 today. */
export const MAX_MEMBERS = 64;
export const MAX_NAME_BYTES = 100;

export interface Member {
  name: string;
  data: Buffer;
}

// Lower-case segments of letters, digits, '.', '_' and '-', none starting with a dot: no "..", no
// absolute path, no drive letter, no backslash, nothing a file system could read as something else.
const NAME = /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/;

export function checkMemberName(name: string): void {
  if (Buffer.byteLength(name) > MAX_NAME_BYTES || !NAME.test(name)) {
    throw new BackupError(
      'malformed',
      `member name ${JSON.stringify(name.slice(0, MAX_NAME_BYTES))} is not allowed: names are relative paths of lower-case letters, digits, ".", "_" and "-" (no "..", no leading "/")`,
      name.slice(0, MAX_NAME_BYTES),
    );
  }
}

export function encodeContainer(members: readonly Member[]): Buffer {
  if (members.length > MAX_MEMBERS) throw new BackupError('malformed', `more than ${MAX_MEMBERS} members`);
  const parts: Buffer[] = [MAGIC, Buffer.from([CONTAINER_VERSION]), u16(members.length)];
  const seen = new Set<string>();
  for (const member of members) {
    checkMemberName(member.name);
    if (seen.has(member.name)) throw new BackupError('malformed', `member ${member.name} twice`, member.name);
    seen.add(member.name);
    const name = Buffer.from(member.name, 'utf8');
    parts.push(u16(name.length), name, u32(member.data.length), member.data);
  }
  const bytes = Buffer.concat(parts);
  if (bytes.length > MAX_ARCHIVE_BYTES) {
    throw new BackupError(
      'malformed',
      `the archive would be ${bytes.length} bytes, more than the limit of ${MAX_ARCHIVE_BYTES}`,
    );
  }
  return bytes;
}

/** Splits an archive into its members; every length is checked against what is left before use. */
export function decodeContainer(bytes: Buffer): Member[] {
  if (bytes.length > MAX_ARCHIVE_BYTES) {
    throw new BackupError('malformed', `the file is ${bytes.length} bytes, more than an archive may be (${MAX_ARCHIVE_BYTES})`); // prettier-ignore
  }
  if (bytes.length < MAGIC.length || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new BackupError('malformed', 'this is not an SBC Studio backup (the file does not start with "SBC-STUDIO-BACKUP")'); // prettier-ignore
  }
  let at = MAGIC.length;
  const need = (count: number, what: string, member?: string) => {
    if (bytes.length - at < count) {
      throw new BackupError(
        'malformed',
        `the archive is cut short: ${what} needs ${count} bytes at byte ${at}, only ${bytes.length - at} remain`,
        member,
      );
    }
  };
  need(3, 'the header');
  const version = bytes[at]!;
  if (version !== CONTAINER_VERSION) {
    throw new BackupError('too-new', `the archive container is version ${version}; this SBC Studio reads version ${CONTAINER_VERSION}. Update SBC Studio.`); // prettier-ignore
  }
  const count = bytes.readUInt16BE(at + 1);
  at += 3;
  if (count > MAX_MEMBERS) {
    throw new BackupError(
      'malformed',
      `the archive declares ${count} members; at most ${MAX_MEMBERS} are allowed`,
    );
  }
  const members: Member[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < count; i++) {
    need(2, `the name length of member ${i + 1}`);
    const nameLength = bytes.readUInt16BE(at);
    at += 2;
    if (nameLength > MAX_NAME_BYTES) {
      throw new BackupError('malformed', `member ${i + 1} declares a ${nameLength}-byte name; at most ${MAX_NAME_BYTES} are allowed`); // prettier-ignore
    }
    need(nameLength, `the name of member ${i + 1}`);
    const name = bytes.subarray(at, at + nameLength).toString('utf8');
    at += nameLength;
    checkMemberName(name);
    if (seen.has(name)) throw new BackupError('malformed', `member ${name} appears twice`, name);
    seen.add(name);
    need(4, `the size of ${name}`, name);
    const size = bytes.readUInt32BE(at);
    at += 4;
    need(size, `member ${name} (declared ${size} bytes)`, name);
    members.push({ name, data: bytes.subarray(at, at + size) });
    at += size;
  }
  if (at !== bytes.length) {
    throw new BackupError('malformed', `${bytes.length - at} unexpected bytes after the last member (at byte ${at})`); // prettier-ignore
  }
  return members;
}

function u16(value: number): Buffer {
  const buffer = Buffer.alloc(2);
  buffer.writeUInt16BE(value);
  return buffer;
}

function u32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32BE(value);
  return buffer;
}
