// Fixes for two places where sdp-transform 3.0 loses what an SBC must see (checked against its
// grammar.js): its a=crypto rule keeps only the first session parameter, so
// "UNENCRYPTED_SRTCP UNAUTHENTICATED_SRTP" would silently lose the second (RFC 4568 §9.1 allows
// several), and its a=rtcp-mux rule is a prefix match that turns a=rtcp-mux-only (RFC 8858) into
// a=rtcp-mux.
import type { SdpSection } from './sdp-lines.ts';
import type { Sdp, SdpAttributes } from './types.ts';

// The exact rule sdp-transform uses, so the k-th match is its k-th crypto entry.
const TRANSFORM_CRYPTO = /^crypto:(\d*) ([\w_]*) (\S*)/;

function repairCrypto(target: SdpAttributes, attributes: readonly string[]): void {
  const matches = attributes.filter((value) => TRANSFORM_CRYPTO.test(value));
  const crypto = target.crypto;
  if (!crypto || crypto.length !== matches.length) return;
  for (const [index, value] of matches.entries()) {
    const rest = value.slice(TRANSFORM_CRYPTO.exec(value)![0].length);
    if (rest.startsWith(' ')) crypto[index]!.sessionConfig = rest.slice(1);
  }
}

function repairRtcpMux(target: SdpAttributes, attributes: readonly string[]): void {
  if (!attributes.includes('rtcp-mux-only')) return;
  if (!attributes.includes('rtcp-mux')) delete target.rtcpMux;
  for (const value of attributes) {
    if (value === 'rtcp-mux-only') (target.invalid ??= []).push({ value });
  }
}

/** Applies the fixes in place to a freshly parsed object (never to a caller's object). */
export function repairParsed(sdp: Sdp, sections: readonly SdpSection[]): Sdp {
  const targets: SdpAttributes[] = [sdp, ...sdp.media];
  for (const [index, target] of targets.entries()) {
    const attributes = sections[index]?.attributes ?? [];
    repairCrypto(target, attributes);
    repairRtcpMux(target, attributes);
  }
  return sdp;
}
