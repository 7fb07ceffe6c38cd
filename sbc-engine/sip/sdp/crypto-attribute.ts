// One SDES a=crypto attribute (RFC 4568 §9.1):
//   a=crypto:<tag> <crypto-suite> <key-params> [<session-param>]*
//   key-params = "inline:" <base64 key||salt> ["|" lifetime] ["|" MKI ":" length], ";"-separated
// The key length is checked against the suite, because a wrong length is the kind of fault that
// only shows up as silence once the call is up.

export interface SrtpKeyParam {
  /** base64 of master key || master salt (RFC 4568 §6.1). */
  keySalt: string;
  /** As written: "2^31" or a decimal count of packets. */
  lifetime?: string;
  mki?: { value: string; length: number };
}

export interface CryptoAttribute {
  tag: number;
  suite: string;
  keyParams: SrtpKeyParam[];
  /** UNENCRYPTED_SRTP, UNAUTHENTICATED_SRTP, KDR=n … in the order written (RFC 4568 §6.3). */
  sessionParams: string[];
}

export type CryptoResult =
  { ok: true; value: CryptoAttribute } | { ok: false; error: string; field: string; line: string };

/** Bytes of key || salt per suite: RFC 4568 §6.2 (128-bit AES-CM and F8: 16 + 14), RFC 6188
 *  (AES-192/256-CM: 24/32 + 14), RFC 7714 (AEAD AES-GCM: 16/32 + 12). */
export const SRTP_KEY_SALT_BYTES: Readonly<Record<string, number>> = {
  AES_CM_128_HMAC_SHA1_80: 30,
  AES_CM_128_HMAC_SHA1_32: 30,
  F8_128_HMAC_SHA1_80: 30,
  AES_192_CM_HMAC_SHA1_80: 38,
  AES_192_CM_HMAC_SHA1_32: 38,
  AES_256_CM_HMAC_SHA1_80: 46,
  AES_256_CM_HMAC_SHA1_32: 46,
  AEAD_AES_128_GCM: 28,
  AEAD_AES_256_GCM: 44,
};

const TAG = /^\d{1,9}$/; // RFC 4568 §9.1: tag = 1*9DIGIT
const SUITE = /^[A-Za-z0-9_]+$/; // RFC 4568 §9.1: 1*(ALPHA / DIGIT / "_")
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const LIFETIME = /^(2\^)?\d+$/; // RFC 4568 §9.2: ["2^"] 1*(DIGIT)
const MKI = /^(\d+):(\d{1,3})$/; // RFC 4568 §9.2: mki-value ":" mki-length (1-128 bytes)
const SESSION_PARAM = /^[\x21-\x7e]+$/; // RFC 4568 §9.1: 1*(VCHAR)

type Checked<T> = { ok: true; value: T } | { ok: false; error: string; field: string };

/** Decoded length of a base64 string, or undefined when it is not base64. */
function base64Bytes(text: string): number | undefined {
  if (!BASE64.test(text)) return undefined;
  const data = text.replace(/=+$/, '');
  const padded = data.length !== text.length;
  if ((padded && text.length % 4 !== 0) || data.length % 4 === 1) return undefined;
  return Math.floor((data.length * 3) / 4);
}

function checkKeyParam(text: string, index: number, suite: string): Checked<SrtpKeyParam> {
  const field = `key-params[${index}]`;
  if (!text.startsWith('inline:')) {
    return {
      ok: false,
      field: `${field}.method`,
      error: `${field} must start with "inline:" (RFC 4568 §9.2)`,
    };
  }
  const [keySalt = '', ...rest] = text.slice('inline:'.length).split('|');
  const bytes = base64Bytes(keySalt);
  if (bytes === undefined) {
    return { ok: false, field: `${field}.key-salt`, error: `${field} key||salt is not base64` };
  }
  const expected = SRTP_KEY_SALT_BYTES[suite];
  if (expected !== undefined && bytes !== expected) {
    return {
      ok: false,
      field: `${field}.key-salt`,
      error: `${field} key||salt is ${bytes} bytes; ${suite} needs ${expected}`,
    };
  }
  const param: SrtpKeyParam = { keySalt };
  if (rest.length > 2)
    return { ok: false, field, error: `${field} has more than lifetime and MKI after the key` };
  for (const [position, part] of rest.entries()) {
    const mki = MKI.exec(part);
    if (mki && !param.mki) {
      const length = Number(mki[2]);
      if (length < 1 || length > 128) {
        return { ok: false, field: `${field}.mki`, error: `${field} MKI length ${length} is not 1-128` };
      }
      param.mki = { value: mki[1]!, length };
    } else if (position === 0 && LIFETIME.test(part)) {
      param.lifetime = part;
    } else {
      return {
        ok: false,
        field: `${field}.${position === 0 ? 'lifetime' : 'mki'}`,
        error: `${field} bad "${part}"`,
      };
    }
  }
  return { ok: true, value: param };
}

/** Parses the value of an a=crypto line (what follows "a=crypto:"). */
export function parseCryptoAttribute(value: string): CryptoResult {
  const line = `a=crypto:${value}`;
  const failed = (field: string, error: string): CryptoResult => ({
    ok: false,
    field,
    error: `${line}: ${error}`,
    line,
  });
  const [tag = '', suite = '', keyParams = '', ...sessionParams] = value.split(' ');
  if (!TAG.test(tag)) return failed('tag', `tag "${tag}" must be 1 to 9 digits (RFC 4568 §9.1)`);
  if (!SUITE.test(suite)) return failed('crypto-suite', `crypto-suite "${suite}" is missing or malformed`);
  if (keyParams === '') return failed('key-params', 'key-params are missing');
  const params: SrtpKeyParam[] = [];
  for (const [index, text] of keyParams.split(';').entries()) {
    const checked = checkKeyParam(text, index, suite);
    if (!checked.ok) return failed(checked.field, checked.error);
    params.push(checked.value);
  }
  const bad = sessionParams.findIndex((param) => !SESSION_PARAM.test(param));
  if (bad >= 0) return failed(`session-params[${bad}]`, 'session parameter is empty or not printable');
  return { ok: true, value: { tag: Number(tag), suite, keyParams: params, sessionParams } };
}

function formatKeyParam(param: SrtpKeyParam): string {
  let text = `inline:${param.keySalt}`;
  if (param.lifetime !== undefined) text += `|${param.lifetime}`;
  if (param.mki) text += `|${param.mki.value}:${param.mki.length}`;
  return text;
}

/** The value of an a=crypto line, without "a=crypto:". */
export function formatCryptoAttribute(attribute: CryptoAttribute): string {
  const keyParams = attribute.keyParams.map(formatKeyParam).join(';');
  return [String(attribute.tag), attribute.suite, keyParams, ...attribute.sessionParams].join(' ');
}

function canonical(attribute: CryptoAttribute): string {
  const keyParams = attribute.keyParams.map((p) => ({
    keySalt: p.keySalt,
    lifetime: p.lifetime,
    mki: p.mki && { value: p.mki.value, length: p.mki.length },
  }));
  const { tag, suite, sessionParams } = attribute;
  return JSON.stringify({ tag, suite, keyParams, sessionParams });
}

/** Checks an attribute the SBC is about to write: it must be valid and read back as itself
 *  (a space inside a session parameter, say, would not). */
export function checkCryptoAttribute(attribute: CryptoAttribute): CryptoResult {
  const value = formatCryptoAttribute(attribute);
  const parsed = parseCryptoAttribute(value);
  if (!parsed.ok) return parsed;
  if (canonical(parsed.value) !== canonical(attribute)) {
    const line = `a=crypto:${value}`;
    return { ok: false, field: 'attribute', error: `${line}: does not read back as written`, line };
  }
  return { ok: true, value: attribute };
}
