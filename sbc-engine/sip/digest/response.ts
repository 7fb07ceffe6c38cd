// Computes the credentials that answer a Digest challenge (RFC 3261 §22.2–22.4, RFC 2617 §3.2.2,
// RFC 7616 §3.4, RFC 8760 §2.2). Pure: the cnonce and the nonce count come from the caller.
import { createHash } from 'node:crypto';
import { hashName, isSessionAlgorithm, isSupportedAlgorithm } from './algorithms.ts';
import { unusableReason } from './choose.ts';
import type {
  ChallengeHeaderName,
  CredentialsHeaderName,
  DigestChallenge,
  DigestResult,
  SupportedAlgorithm,
} from './types.ts';

export interface DigestResponseInput {
  challenge: DigestChallenge;
  /** SIP method of the request being retried (REGISTER, INVITE...). */
  method: string;
  /** The Request-URI, exactly as it appears in the request line (RFC 3261 §22.4). */
  uri: string;
  username: string;
  password: string;
  /** Message body, hashed only for qop=auth-int (RFC 2617 §3.2.2.3). */
  body?: string | Uint8Array;
  /** How often this nonce has been used, this request included (RFC 7616 §3.4). */
  nc: number;
  /** Client nonce from an injected random source; used only with qop. */
  cnonce: string;
}

export interface DigestCredentials {
  name: CredentialsHeaderName;
  /** The full header value, starting with "Digest ". */
  value: string;
  /** The request-digest alone, in lower-case hex. */
  response: string;
  qop?: 'auth' | 'auth-int';
  /** The nc sent, as 8 hex digits, when a qop was used. */
  nc?: string;
}

/** 401 → Authorization, 407 → Proxy-Authorization (RFC 3261 §22.2, §22.3). */
export function credentialsHeaderName(header: ChallengeHeaderName): CredentialsHeaderName {
  return header === 'Proxy-Authenticate' ? 'Proxy-Authorization' : 'Authorization';
}

/** nc-value is exactly 8 lower-case hex digits (RFC 7616 §3.4, RFC 3261 §25.1 `nc-value`). */
export function formatNonceCount(nc: number): string {
  return nc.toString(16).padStart(8, '0');
}

/** RFC 3261 §25.1 quoted-string: backslash-escape DQUOTE and backslash. */
export function quote(value: string): string {
  return `"${value.replace(/[\\"]/g, '\\$&')}"`;
}

function hash(algorithm: SupportedAlgorithm, data: string | Uint8Array): string {
  return createHash(hashName(algorithm)).update(data).digest('hex');
}

// No CR, LF or other control characters may reach a header value (header injection).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

function checkValues(input: DigestResponseInput): string | undefined {
  const fields: [string, string][] = [
    ['username', input.username],
    ['uri', input.uri],
    ['realm', input.challenge.realm],
    ['nonce', input.challenge.nonce],
    ['opaque', input.challenge.opaque ?? ''],
  ];
  for (const [name, value] of fields) {
    if (CONTROL.test(value)) return `${name} contains a control character`;
  }
  if (!/^[A-Za-z0-9\-.!%*_+`'~]+$/.test(input.method)) return `method "${input.method}" is not a SIP token`;
  if (input.uri === '') return 'uri is empty';
  return undefined;
}

function chooseQop(challenge: DigestChallenge): 'auth' | 'auth-int' | undefined {
  // Prefer auth: auth-int ties the credentials to a body a proxy may not be allowed to see.
  if (challenge.qop.includes('auth')) return 'auth';
  if (challenge.qop.includes('auth-int')) return 'auth-int';
  return undefined;
}

/** Computes the Authorization / Proxy-Authorization value for one challenge. */
export function computeCredentials(input: DigestResponseInput): DigestResult<DigestCredentials> {
  const { challenge, method, uri, username, password, cnonce } = input;
  const reason = unusableReason(challenge) ?? checkValues(input);
  if (reason !== undefined) return { ok: false, error: reason };
  const algorithm = challenge.algorithm;
  if (!isSupportedAlgorithm(algorithm))
    return { ok: false, error: `algorithm ${algorithm} is not supported` };
  const qop = chooseQop(challenge);
  if (qop !== undefined) {
    if (!Number.isInteger(input.nc) || input.nc < 1 || input.nc > 0xffffffff) {
      return { ok: false, error: `nonce count ${input.nc} is outside 1..ffffffff` };
    }
    if (cnonce === '' || CONTROL.test(cnonce)) return { ok: false, error: 'cnonce is empty or malformed' };
  }
  const nc = formatNonceCount(input.nc);

  // A1 = username:realm:password; -sess adds nonce:cnonce to H(A1) (RFC 7616 §3.4.2,
  // RFC 2617 §3.2.2.2 as corrected by erratum 1649: the hex of H(A1)).
  let ha1 = hash(algorithm, `${username}:${challenge.realm}:${password}`);
  if (isSessionAlgorithm(algorithm)) ha1 = hash(algorithm, `${ha1}:${challenge.nonce}:${cnonce}`);
  // A2 = method:uri, plus H(body) for auth-int (RFC 7616 §3.4.3; RFC 3261 §22.4 hashes an
  // empty body as the empty string).
  const a2 =
    qop === 'auth-int' ? `${method}:${uri}:${hash(algorithm, input.body ?? '')}` : `${method}:${uri}`;
  const ha2 = hash(algorithm, a2);
  // With qop: H(HA1:nonce:nc:cnonce:qop:HA2) (RFC 7616 §3.4.1); without: the RFC 2069 form.
  const response =
    qop === undefined
      ? hash(algorithm, `${ha1}:${challenge.nonce}:${ha2}`)
      : hash(algorithm, `${ha1}:${challenge.nonce}:${nc}:${cnonce}:${qop}:${ha2}`);

  // qop, nc and algorithm are tokens, the rest quoted strings (RFC 3261 §25.1 `dig-resp`).
  const parts = [
    `username=${quote(username)}`,
    `realm=${quote(challenge.realm)}`,
    `nonce=${quote(challenge.nonce)}`,
    `uri=${quote(uri)}`,
    `response=${quote(response)}`,
    `algorithm=${algorithm}`,
  ];
  if (qop !== undefined) parts.push(`cnonce=${quote(cnonce)}`, `qop=${qop}`, `nc=${nc}`);
  // opaque is echoed unchanged (RFC 7616 §3.4).
  if (challenge.opaque !== undefined) parts.push(`opaque=${quote(challenge.opaque)}`);

  const credentials: DigestCredentials = {
    name: credentialsHeaderName(challenge.header),
    value: `Digest ${parts.join(', ')}`,
    response,
  };
  if (qop !== undefined) {
    credentials.qop = qop;
    credentials.nc = nc;
  }
  return { ok: true, value: credentials };
}
