// A strict PEM reader (RFC 7468) that remembers line numbers, so an error can say where a file
// is broken. Text between blocks (openssl's "subject=" and "Bag Attributes" lines) is ignored.
import { CertificateInputError } from './types.ts';

export interface PemBlock {
  label: string;
  /** 1-based line of the BEGIN line. */
  line: number;
  /** The whole block, BEGIN to END, as node:crypto wants encrypted keys. */
  text: string;
  der: Buffer;
}

const BEGIN = /^-----BEGIN ([A-Z0-9 #]+)-----\s*$/;
const END = /^-----END ([A-Z0-9 #]+)-----\s*$/;
// RFC 1421 encapsulated headers, still written by `openssl rsa -aes256` ("Proc-Type: 4,ENCRYPTED").
const HEADER = /^[A-Za-z-]+:/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function looksLikePem(text: string): boolean {
  return /-----BEGIN [A-Z0-9 #]+-----/.test(text);
}

export function readPemBlocks(text: string): PemBlock[] {
  const lines = text.split(/\r?\n/);
  const blocks: PemBlock[] = [];
  let open: { label: string; line: number; body: string[]; raw: string[] } | null = null;
  lines.forEach((raw, index) => {
    const line = raw.trim();
    const lineNo = index + 1;
    const begin = BEGIN.exec(line);
    const end = END.exec(line);
    if (!open) {
      if (begin) open = { label: begin[1]!, line: lineNo, body: [], raw: [line] };
      else if (end) throw pemError(`END ${end[1]} at line ${lineNo} has no BEGIN line before it`);
      return;
    }
    if (begin)
      throw pemError(
        `BEGIN ${open.label} at line ${open.line} has no END line before the next BEGIN at line ${lineNo} (the file is cut or two files were pasted into each other)`,
      );
    open.raw.push(line);
    if (end) {
      if (end[1] !== open.label)
        throw pemError(`BEGIN ${open.label} at line ${open.line} ends with END ${end[1]} at line ${lineNo}`);
      const body = open.body.join('');
      if (!body || !BASE64.test(body))
        throw pemError(`the ${open.label} block at line ${open.line} is not valid base64`);
      blocks.push({
        label: open.label,
        line: open.line,
        text: open.raw.join('\n') + '\n',
        der: Buffer.from(body, 'base64'),
      });
      open = null;
    } else if (line && !HEADER.test(line)) open.body.push(line);
  });
  if (open) {
    const { label, line } = open as { label: string; line: number };
    throw pemError(`BEGIN ${label} at line ${line} has no END line: the file is truncated`);
  }
  return blocks;
}

function pemError(message: string): CertificateInputError {
  return new CertificateInputError('PEM', `PEM: ${message}`);
}
