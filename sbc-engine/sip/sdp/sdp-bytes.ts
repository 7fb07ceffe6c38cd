// SIP carries SDP as bytes (RFC 3261 §7.4). RFC 8866 §5.1 makes UTF-8 the default charset, so a
// body that is not UTF-8 is refused here, with the line of the first bad byte.
import { parseSdp } from './sdp.ts';
import type { SdpResult } from './types.ts';

/** Offset of the first byte that breaks UTF-8 (RFC 3629 §4), or -1 when the bytes are valid. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let extra: number;
    let min: number;
    if (b < 0x80) extra = 0;
    else if (b >= 0xc2 && b <= 0xdf) extra = 1;
    else if (b >= 0xe0 && b <= 0xef) extra = 2;
    else if (b >= 0xf0 && b <= 0xf4) extra = 3;
    else return i;
    let code = extra === 0 ? b : b & (0x3f >> extra);
    for (let k = 1; k <= extra; k++) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return i;
      code = (code << 6) | (next & 0x3f);
    }
    if (extra === 2) min = 0x800;
    else if (extra === 3) min = 0x10000;
    else min = 0;
    // Overlong forms, UTF-16 surrogates and values above U+10FFFF are not UTF-8.
    if (code < min || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) return i;
    i += extra + 1;
  }
  return -1;
}

/** Parses an SDP body received as bytes. */
export function parseSdpBytes(bytes: Uint8Array): SdpResult {
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    let line = 1;
    for (let i = 0; i < bad; i++) {
      if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) line++;
    }
    const hex = bytes[bad]!.toString(16).padStart(2, '0');
    return { ok: false, error: `line ${line}: byte 0x${hex} at offset ${bad} is not valid UTF-8` };
  }
  return parseSdp(new TextDecoder('utf-8').decode(bytes));
}
