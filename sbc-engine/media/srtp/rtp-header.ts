// The parts of the RTP header (RFC 3550 §5.1) that SRTP needs: where the payload starts (after the
// CSRC list and any header extension), the SSRC and the sequence number. Errors name the byte, so
// a counter of dropped packets can say what the peer got wrong.

export interface RtpHeader {
  padding: boolean;
  extension: boolean;
  csrcCount: number;
  marker: boolean;
  payloadType: number;
  sequenceNumber: number;
  timestamp: number;
  ssrc: number;
  /** Bytes before the payload: 12 + 4·CC, plus the header extension. */
  headerLength: number;
}

export type HeaderResult<T> = { ok: true; header: T } | { ok: false; error: string };

const FIXED_HEADER = 12;

/** Reads the header of an RTP packet whose last `trailerLength` bytes are not RTP (the SRTP tag). */
export function parseRtpHeader(packet: Uint8Array, trailerLength = 0): HeaderResult<RtpHeader> {
  const end = packet.length - trailerLength;
  if (end < FIXED_HEADER) {
    const what = trailerLength > 0 ? ` (${trailerLength} of them the authentication tag)` : '';
    return fail(`packet is ${packet.length} bytes${what}; an RTP header needs 12`);
  }
  const first = packet[0]!;
  const version = first >>> 6;
  if (version !== 2) return fail(`byte 0: RTP version is ${version}; must be 2 (RFC 3550 §5.1)`);
  const csrcCount = first & 0x0f;
  const extension = (first & 0x10) !== 0;
  let headerLength = FIXED_HEADER + 4 * csrcCount;
  if (headerLength > end) {
    return fail(`byte 0: ${csrcCount} CSRCs need ${headerLength} header bytes; the packet has ${end}`);
  }
  if (extension) {
    // RFC 3550 §5.3.1: 16-bit profile field, then the extension's length in 32-bit words.
    if (headerLength + 4 > end) {
      return fail(
        `byte ${headerLength}: header extension announced (X bit) but only ${end - headerLength} bytes follow`,
      );
    }
    const words = (packet[headerLength + 2]! << 8) | packet[headerLength + 3]!;
    const extensionEnd = headerLength + 4 + 4 * words;
    if (extensionEnd > end) {
      return fail(
        `byte ${headerLength + 2}: header extension of ${words} words runs past the packet's ${end} bytes`,
      );
    }
    headerLength = extensionEnd;
  }
  return {
    ok: true,
    header: {
      padding: (first & 0x20) !== 0,
      extension,
      csrcCount,
      marker: (packet[1]! & 0x80) !== 0,
      payloadType: packet[1]! & 0x7f,
      sequenceNumber: (packet[2]! << 8) | packet[3]!,
      timestamp: readUint32(packet, 4),
      ssrc: readUint32(packet, 8),
      headerLength,
    },
  };
}

/** RFC 3550 §5.1: with the P bit set, the payload's last byte counts the padding, itself
 *  included, so it is at least 1 and at most the payload length. `end` is where the RTP packet
 *  ends (before any SRTP trailer). Undefined when the padding is well formed. */
export function checkRtpPadding(packet: Uint8Array, header: RtpHeader, end: number): string | undefined {
  if (!header.padding) return undefined;
  const payload = end - header.headerLength;
  if (payload === 0) return `byte 0: padding announced (P bit) but the packet has no payload`;
  const count = packet[end - 1]!;
  if (count === 0)
    return `byte ${end - 1}: padding count is 0; it counts itself, so at least 1 (RFC 3550 §5.1)`;
  if (count > payload) {
    return `byte ${end - 1}: padding count ${count} is more than the ${payload} payload bytes (RFC 3550 §5.1)`;
  }
  return undefined;
}

export interface RtcpHeader {
  packetType: number;
  ssrc: number;
}

/** The first 8 bytes of an RTCP packet (RFC 3550 §6.4), which SRTCP leaves in the clear. */
export function parseRtcpHeader(packet: Uint8Array, trailerLength = 0): HeaderResult<RtcpHeader> {
  const end = packet.length - trailerLength;
  if (end < 8) {
    const what = trailerLength > 0 ? ` (${trailerLength} of them the SRTCP trailer)` : '';
    return fail(`packet is ${packet.length} bytes${what}; an RTCP header needs 8`);
  }
  const version = packet[0]! >>> 6;
  if (version !== 2) return fail(`byte 0: RTCP version is ${version}; must be 2 (RFC 3550 §6.4)`);
  const firstLength = (((packet[2]! << 8) | packet[3]!) + 1) * 4;
  if (firstLength > end) {
    return fail(`byte 2: the first RTCP packet's length is ${firstLength} bytes; only ${end} are there`);
  }
  return { ok: true, header: { packetType: packet[1]!, ssrc: readUint32(packet, 4) } };
}

function fail<T>(error: string): HeaderResult<T> {
  return { ok: false, error };
}

function readUint32(bytes: Uint8Array, at: number): number {
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
}
