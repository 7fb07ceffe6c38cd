// What the B2BUA does with SDP until the media relay exists: the SDP passes through, rewritten by
// the receiving connection's SDP rules (strip ICE, strip rtcp-mux) and the codec allow list, and a
// call that would need RTP<->SRTP interworking is refused with 488 and a Warning that says why.
// SDES keys travel in the SDP, so they never go to or come from a leg without TLS (RFC 4568 §8).
// Pure: SDP bytes and the facts of the two legs in, bytes or a verdict out.
import type { Connection } from '../config/schema/connections.ts';
import { parseSdp, serializeSdp, stripIce, stripRtcpMux, type Sdp, type SdpMedia } from '../sip/sdp/index.ts';
import { listCrypto } from '../sip/sdp/crypto.ts';

export interface LegMedia {
  /** The connection's name, for the words of a refusal. */
  name: string;
  policy: Connection['mediaPolicy'];
  /** The leg's signalling runs over TLS. */
  tls: boolean;
}

export type MediaVerdict = { ok: true } | { ok: false; warning: string };

const RELAY_MISSING = 'this engine has no media relay yet';

function isSecure(media: SdpMedia): boolean {
  return /SAVP/.test(media.protocol) || listCrypto(media).length > 0;
}

function hasCrypto(sdp: Sdp): boolean {
  return sdp.media.some((media) => listCrypto(media).length > 0);
}

/**
 * Whether an offer from `from` may go to `to` as it is. `offer` is undefined for an INVITE without
 * SDP (the offer comes in the answer); then only the two policies are compared.
 */
export function checkOffer(offer: Sdp | undefined, from: LegMedia, to: LegMedia): MediaVerdict {
  const policies = new Set([from.policy, to.policy]);
  if (policies.has('srtp-required') && policies.has('rtp'))
    return refuse(`"${from.name}" and "${to.name}" need RTP<->SRTP interworking, and ${RELAY_MISSING}`);
  if (!offer) return { ok: true };
  const rtpMedia = offer.media.filter((m) => m.protocol.startsWith('RTP/') && m.port !== 0);
  if (to.policy === 'srtp-required' && rtpMedia.some((m) => !isSecure(m)))
    return refuse(`the offer is plain RTP (RTP/AVP) and "${to.name}" requires SRTP; ${RELAY_MISSING}`);
  if (to.policy === 'rtp' && rtpMedia.some(isSecure))
    return refuse(`the offer is SRTP and "${to.name}" takes plain RTP only; ${RELAY_MISSING}`);
  // RFC 4568 §8: keys in the clear would give the media away; the answer's keys travel back too.
  if (hasCrypto(offer) && !(from.tls && to.tls)) {
    const plain = from.tls ? to.name : from.name;
    return refuse(`the SDP carries SRTP keys (a=crypto) and "${plain}" is not a TLS leg (RFC 4568 §8)`);
  }
  return { ok: true };
}

function refuse(warning: string): MediaVerdict {
  return { ok: false, warning };
}

// RFC 3551 §6: static payload types have no rtpmap line to name them.
const STATIC_PAYLOADS: Readonly<Record<number, string>> = {
  0: 'PCMU',
  3: 'GSM',
  4: 'G723',
  8: 'PCMA',
  9: 'G722',
  13: 'CN',
  18: 'G729',
};
// RFC 4733 DTMF and RFC 3389 comfort noise go with any voice codec.
const ALWAYS_KEPT = new Set(['telephone-event', 'cn']);

function codecName(media: SdpMedia, payload: number): string | undefined {
  return media.rtp.find((r) => r.payload === payload)?.codec ?? STATIC_PAYLOADS[payload];
}

export type SdpRewrite = { ok: true; sdp: Sdp } | { ok: false; warning: string };

/**
 * The codec allow list (media.codecs, in order of preference) on every audio section: codecs not
 * on it are removed, the rest ordered as the list says, DTMF and comfort noise kept at the end.
 */
export function applyCodecList(sdp: Sdp, codecs: readonly string[]): SdpRewrite {
  const rank = new Map(codecs.map((name, i) => [name.toLowerCase(), i]));
  const copy = structuredClone(sdp);
  for (const media of copy.media) {
    if (media.type !== 'audio' || !media.protocol.startsWith('RTP/') || media.port === 0) continue;
    const payloads = String(media.payloads ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
    const voice: { pt: number; rank: number }[] = [];
    const extra: number[] = [];
    for (const pt of payloads) {
      const name = (codecName(media, pt) ?? '').toLowerCase();
      const r = rank.get(name);
      if (r !== undefined) voice.push({ pt, rank: r });
      else if (ALWAYS_KEPT.has(name)) extra.push(pt);
    }
    if (voice.length === 0) {
      const offered = payloads.map((pt) => codecName(media, pt) ?? String(pt)).join(', ');
      return {
        ok: false,
        warning: `no codec of the allow list (${codecs.join(', ')}) in ${offered || 'the SDP'}`,
      };
    }
    const kept = [...voice.sort((a, b) => a.rank - b.rank).map((v) => v.pt), ...extra];
    const keep = new Set(kept);
    media.payloads = kept.join(' ');
    media.rtp = media.rtp.filter((r) => keep.has(r.payload));
    media.fmtp = media.fmtp.filter((f) => keep.has(f.payload));
    if (media.rtcpFb)
      media.rtcpFb = media.rtcpFb.filter((f) => f.payload === '*' || keep.has(Number(f.payload)));
  }
  return { ok: true, sdp: copy };
}

/** The receiving connection's SDP rules and the codec list, applied to an SDP body. */
export function rewriteSdpBody(
  body: Uint8Array,
  rules: Connection['sdp'],
  codecs: readonly string[],
): { ok: true; body: Uint8Array } | { ok: false; warning: string } {
  const parsed = parseSdp(Buffer.from(body).toString('utf8'));
  if (!parsed.ok) return { ok: false, warning: `the SDP is not valid: ${parsed.error}` };
  let sdp = parsed.value;
  if (rules.stripIce) sdp = stripIce(sdp);
  if (rules.stripRtcpMux) sdp = stripRtcpMux(sdp);
  const listed = applyCodecList(sdp, codecs);
  if (!listed.ok) return listed;
  return { ok: true, body: Buffer.from(serializeSdp(listed.sdp), 'utf8') };
}

/** The SDP of a body, when it is one (Content-Type application/sdp). */
export function sdpOf(body: Uint8Array, contentType: string | undefined): Sdp | undefined {
  if (body.length === 0 || !/^application\/sdp\b/i.test(contentType ?? '')) return undefined;
  const parsed = parseSdp(Buffer.from(body).toString('utf8'));
  return parsed.ok ? parsed.value : undefined;
}
