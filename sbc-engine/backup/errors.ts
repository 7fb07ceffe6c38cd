/** An archive refused as a whole: the message names the member (or byte offset) at fault. */
export class BackupError extends Error {
  /** The member at fault, e.g. "config/current.json"; undefined for the archive as a whole. */
  readonly member: string | undefined;
  readonly code: BackupErrorCode;

  constructor(code: BackupErrorCode, message: string, member?: string) {
    super(message);
    this.code = code;
    this.member = member;
  }
}

export type BackupErrorCode =
  /** Not an archive, cut short, a limit exceeded, a bad member name: the container itself. */
  | 'malformed'
  /** A member whose bytes do not match the manifest (changed or damaged after it was written). */
  | 'tampered'
  /** The passphrase does not open secrets.enc (or secrets.enc was changed). */
  | 'wrong-passphrase'
  /** Written by a newer SBC Studio or engine than this one. */
  | 'too-new'
  /** A member that parses but does not hold what its name promises. */
  | 'invalid-content';
