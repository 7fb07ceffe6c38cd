// SRTP and SRTCP for one master key (RFC 3711): protect turns RTP/RTCP into SRTP/SRTCP, unprotect
// the other way. Each SSRC gets its own index and replay state, created on its first packet, as
// libsrtp does for "any SSRC" policies; on the unprotect side only once that packet authenticated,
// so forged packets with random SSRCs cannot fill the table. Nothing here throws on packet bytes.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createAesCm } from './aes-cm.ts';
import type { AesCm } from './aes-cm.ts';
import { deriveSessionKeys, packetIv } from './key-derivation.ts';
import { estimateIndex, MAX_SRTP_INDEX, rocOf } from './packet-index.ts';
import { checkSrtpPolicy, DEFAULT_MAX_STREAMS, MAX_KEY_LIFETIME } from './policy.ts';
import type { SrtpPolicy } from './policy.ts';
import { DEFAULT_REPLAY_WINDOW, ReplayWindow } from './replay-window.ts';
import { dropped } from './result.ts';
import type { SrtpResult } from './result.ts';
import { checkRtpPadding, parseRtcpHeader, parseRtpHeader } from './rtp-header.ts';
import { SRTP_SUITES } from './suites.ts';
import type { SrtpSuite } from './suites.ts';

/** RFC 3711 §3.4: the SRTCP index is 31 bits, next to the E flag. */
const MAX_SRTCP_INDEX = 0x7fffffff;
const SRTCP_INDEX_BYTES = 4;

interface Keys {
  cipher: AesCm;
  authKey: Uint8Array;
  salt: Uint8Array;
  /** Scratch for the packet IV: the session is synchronous, one packet at a time. */
  iv: Uint8Array;
}

interface RtcpSendState {
  nextIndex: number;
}

export class SrtpSession {
  readonly suite: SrtpSuite;
  private readonly policy: Required<SrtpPolicy>;
  private readonly rtp: Keys;
  private readonly rtcp: Keys;
  private readonly rtpSent = new Map<number, ReplayWindow>();
  private readonly rtpReceived = new Map<number, ReplayWindow>();
  private readonly rtcpSent = new Map<number, RtcpSendState>();
  private readonly rtcpReceived = new Map<number, ReplayWindow>();
  private packetsUnderKey = 0;

  /** Throws a RangeError for a policy checkSrtpPolicy refuses: the caller builds policies. */
  constructor(policy: SrtpPolicy) {
    const problem = checkSrtpPolicy(policy);
    if (problem) throw new RangeError(`SRTP policy ${problem}`);
    this.suite = SRTP_SUITES[policy.suite];
    this.policy = {
      encryptRtp: true,
      encryptRtcp: true,
      authenticateRtp: true,
      replayWindow: DEFAULT_REPLAY_WINDOW,
      keyLifetime: MAX_KEY_LIFETIME,
      maxStreams: DEFAULT_MAX_STREAMS,
      ...policy,
    };
    const keys = deriveSessionKeys(this.suite, policy.masterKey, policy.masterSalt);
    this.rtp = {
      cipher: createAesCm(keys.rtp.encryptionKey),
      authKey: keys.rtp.authenticationKey,
      salt: keys.rtp.salt,
      iv: new Uint8Array(16),
    };
    this.rtcp = {
      cipher: createAesCm(keys.rtcp.encryptionKey),
      authKey: keys.rtcp.authenticationKey,
      salt: keys.rtcp.salt,
      iv: new Uint8Array(16),
    };
  }

  /** The highest SRTP index sent or received for an SSRC (ROC = index >> 16), for statistics. */
  highestIndex(direction: 'sent' | 'received', ssrc: number): number | undefined {
    return (direction === 'sent' ? this.rtpSent : this.rtpReceived).get(ssrc)?.highestIndex;
  }

  /** RTP → SRTP (RFC 3711 §3.3): encrypt the payload, append the tag over header, payload and ROC. */
  protectRtp(packet: Uint8Array): SrtpResult {
    const parsed = parseRtpHeader(packet);
    if (!parsed.ok) return dropped('malformed', `RTP ${parsed.error}`);
    const header = parsed.header;
    const padding = checkRtpPadding(packet, header, packet.length);
    if (padding) return dropped('malformed', `RTP ${padding}`);
    let window = this.rtpSent.get(header.ssrc);
    const index = estimateIndex(window?.highestIndex, header.sequenceNumber);
    const refused = this.refuseIndex(window, index, MAX_SRTP_INDEX, 'SRTP');
    if (refused) return refused;
    if (!window) {
      if (this.rtpSent.size >= this.policy.maxStreams) return this.tooManyStreams(header.ssrc, 'sent');
      window = new ReplayWindow(this.policy.replayWindow);
      this.rtpSent.set(header.ssrc, window);
    }
    const tagBytes = this.policy.authenticateRtp ? this.suite.rtpTagBytes : 0;
    const out = Buffer.allocUnsafe(packet.length + tagBytes);
    out.set(packet, 0);
    if (this.policy.encryptRtp) {
      const iv = packetIv(this.rtp.salt, header.ssrc, index, this.rtp.iv);
      this.rtp.cipher.xorInPlace(iv, out, header.headerLength, packet.length);
    }
    if (tagBytes > 0) {
      const tag = rtpTag(this.rtp.authKey, out, packet.length, rocOf(index));
      out.set(tag.subarray(0, tagBytes), packet.length);
    }
    window.accept(index);
    this.packetsUnderKey++;
    return { ok: true, packet: out, ssrc: header.ssrc, index };
  }

  /** SRTP → RTP (RFC 3711 §3.3): index and replay check, then the tag, and only then decryption. */
  unprotectRtp(packet: Uint8Array): SrtpResult {
    const tagBytes = this.policy.authenticateRtp ? this.suite.rtpTagBytes : 0;
    const parsed = parseRtpHeader(packet, tagBytes);
    if (!parsed.ok) return dropped('malformed', `SRTP ${parsed.error}`);
    const header = parsed.header;
    const window = this.rtpReceived.get(header.ssrc);
    const index = estimateIndex(window?.highestIndex, header.sequenceNumber);
    const refused = this.refuseIndex(window, index, MAX_SRTP_INDEX, 'SRTP');
    if (refused) return refused;
    const end = packet.length - tagBytes;
    // Room for the ROC after the packet, which the tag covers (RFC 3711 §4.2).
    const work = Buffer.allocUnsafe(end + 4);
    work.set(packet.subarray(0, end), 0);
    if (tagBytes > 0) {
      const expected = rtpTag(this.rtp.authKey, work, end, rocOf(index)).subarray(0, tagBytes);
      if (!timingSafeEqual(expected, packet.subarray(end))) {
        return dropped(
          'auth-failed',
          `SRTP: authentication tag does not match (SSRC ${hex(header.ssrc)}, index ${index})`,
        );
      }
    }
    const out = work.subarray(0, end);
    if (this.policy.encryptRtp) {
      const iv = packetIv(this.rtp.salt, header.ssrc, index, this.rtp.iv);
      this.rtp.cipher.xorInPlace(iv, out, header.headerLength, end);
    }
    const padding = checkRtpPadding(out, header, end);
    if (padding) return dropped('malformed', `SRTP (decrypted) ${padding}`);
    if (window) {
      window.accept(index);
    } else {
      if (this.rtpReceived.size >= this.policy.maxStreams)
        return this.tooManyStreams(header.ssrc, 'received');
      const fresh = new ReplayWindow(this.policy.replayWindow);
      fresh.accept(index);
      this.rtpReceived.set(header.ssrc, fresh);
    }
    this.packetsUnderKey++;
    return { ok: true, packet: out, ssrc: header.ssrc, index };
  }

  /** RTCP → SRTCP (RFC 3711 §3.4): encrypt after the first 8 bytes (or not, with E = 0), append
   *  E‖index and the tag over all of it. */
  protectRtcp(packet: Uint8Array): SrtpResult {
    const parsed = parseRtcpHeader(packet);
    if (!parsed.ok) return dropped('malformed', `RTCP ${parsed.error}`);
    const ssrc = parsed.header.ssrc;
    let state = this.rtcpSent.get(ssrc);
    const index = state?.nextIndex ?? 0;
    if (index > MAX_SRTCP_INDEX) {
      return dropped(
        'key-expired',
        `SRTCP: all 2^31 indices of SSRC ${hex(ssrc)} are used; the key must change`,
      );
    }
    if (this.packetsUnderKey >= this.policy.keyLifetime) return this.keyExpired();
    if (!state) {
      if (this.rtcpSent.size >= this.policy.maxStreams) return this.tooManyStreams(ssrc, 'sent');
      state = { nextIndex: 0 };
      this.rtcpSent.set(ssrc, state);
    }
    const tagBytes = this.suite.rtcpTagBytes;
    const out = Buffer.allocUnsafe(packet.length + SRTCP_INDEX_BYTES + tagBytes);
    out.set(packet, 0);
    const encrypt = this.policy.encryptRtcp;
    if (encrypt)
      this.rtcp.cipher.xorInPlace(packetIv(this.rtcp.salt, ssrc, index, this.rtcp.iv), out, 8, packet.length);
    out.writeUInt32BE(((encrypt ? 0x80000000 : 0) | index) >>> 0, packet.length);
    const authenticated = packet.length + SRTCP_INDEX_BYTES;
    const tag = createHmac('sha1', this.rtcp.authKey).update(out.subarray(0, authenticated)).digest();
    out.set(tag.subarray(0, tagBytes), authenticated);
    state.nextIndex = index + 1;
    this.packetsUnderKey++;
    return { ok: true, packet: out, ssrc, index };
  }

  /** SRTCP → RTCP (RFC 3711 §3.4): replay check on the explicit index, tag, then decryption as
   *  the E flag says. An unencrypted packet where this session requires encryption is refused. */
  unprotectRtcp(packet: Uint8Array): SrtpResult {
    const tagBytes = this.suite.rtcpTagBytes;
    const trailer = SRTCP_INDEX_BYTES + tagBytes;
    const parsed = parseRtcpHeader(packet, trailer);
    if (!parsed.ok) return dropped('malformed', `SRTCP ${parsed.error}`);
    const ssrc = parsed.header.ssrc;
    const end = packet.length - trailer;
    const word =
      ((packet[end]! << 24) | (packet[end + 1]! << 16) | (packet[end + 2]! << 8) | packet[end + 3]!) >>> 0;
    const encrypted = word >= 0x80000000;
    const index = word & MAX_SRTCP_INDEX;
    const window = this.rtcpReceived.get(ssrc);
    const refused = this.refuseIndex(window, index, MAX_SRTCP_INDEX, 'SRTCP');
    if (refused) return refused;
    const authenticated = end + SRTCP_INDEX_BYTES;
    const expected = createHmac('sha1', this.rtcp.authKey).update(packet.subarray(0, authenticated)).digest();
    if (!timingSafeEqual(expected.subarray(0, tagBytes), packet.subarray(authenticated))) {
      return dropped(
        'auth-failed',
        `SRTCP: authentication tag does not match (SSRC ${hex(ssrc)}, index ${index})`,
      );
    }
    if (!encrypted && this.policy.encryptRtcp) {
      return dropped(
        'malformed',
        `SRTCP byte ${end}: E flag is 0 (sent unencrypted) but this session requires encrypted SRTCP`,
      );
    }
    const out = Buffer.allocUnsafe(end);
    out.set(packet.subarray(0, end), 0);
    if (encrypted)
      this.rtcp.cipher.xorInPlace(packetIv(this.rtcp.salt, ssrc, index, this.rtcp.iv), out, 8, end);
    if (window) {
      window.accept(index);
    } else {
      if (this.rtcpReceived.size >= this.policy.maxStreams) return this.tooManyStreams(ssrc, 'received');
      const fresh = new ReplayWindow(this.policy.replayWindow);
      fresh.accept(index);
      this.rtcpReceived.set(ssrc, fresh);
    }
    this.packetsUnderKey++;
    return { ok: true, packet: out, ssrc, index };
  }

  private refuseIndex(
    window: ReplayWindow | undefined,
    index: number,
    max: number,
    what: 'SRTP' | 'SRTCP',
  ): SrtpResult | undefined {
    if (index < 0)
      return dropped('too-old', `${what}: sequence number is from before the first packet of this SSRC`);
    if (index > max)
      return dropped(
        'key-expired',
        `${what}: the packet index passed 2^${what === 'SRTP' ? 48 : 31}; the key must change`,
      );
    const verdict = window?.check(index) ?? 'new';
    if (verdict === 'replayed') return dropped('replayed', `${what}: index ${index} was already seen`);
    if (verdict === 'too-old') {
      return dropped(
        'too-old',
        `${what}: index ${index} is older than the ${window!.size}-packet replay window`,
      );
    }
    if (this.packetsUnderKey >= this.policy.keyLifetime) return this.keyExpired();
    return undefined;
  }

  private keyExpired(): SrtpResult {
    return dropped(
      'key-expired',
      `the master key has been used for its lifetime of ${this.policy.keyLifetime} packets`,
    );
  }

  private tooManyStreams(ssrc: number, direction: 'sent' | 'received'): SrtpResult {
    return dropped(
      'too-many-streams',
      `SSRC ${hex(ssrc)}: already ${this.policy.maxStreams} SSRCs ${direction} under this key`,
    );
  }
}

/** RFC 3711 §4.2: HMAC-SHA1 over the authenticated portion followed by the 32-bit ROC. The ROC
 *  is written into `buffer` after the first `length` bytes, where the tag or nothing goes next. */
function rtpTag(authKey: Uint8Array, buffer: Buffer, length: number, roc: number): Buffer {
  buffer.writeUInt32BE(roc >>> 0, length);
  return createHmac('sha1', authKey)
    .update(buffer.subarray(0, length + 4))
    .digest();
}

function hex(ssrc: number): string {
  return `0x${ssrc.toString(16).padStart(8, '0')}`;
}
