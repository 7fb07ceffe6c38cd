// RTP and RTCP packets for the SRTP tests: G.711 sized by default, built field by field.

export interface RtpFields {
  seq: number;
  ssrc?: number;
  timestamp?: number;
  payloadType?: number;
  csrcs?: number[];
  /** Header extension words after the 4-byte extension header. */
  extensionWords?: number;
  payload?: Uint8Array;
  /** Bytes of padding to add (sets the P bit). */
  padding?: number;
}

export function rtpPacket(fields: RtpFields): Buffer {
  const csrcs = fields.csrcs ?? [];
  const payload = fields.payload ?? Buffer.alloc(160, fields.seq & 0xff);
  const extension = fields.extensionWords === undefined ? 0 : 4 + 4 * fields.extensionWords;
  const padding = fields.padding ?? 0;
  const packet = Buffer.alloc(12 + 4 * csrcs.length + extension + payload.length + padding);
  packet[0] = 0x80 | (padding > 0 ? 0x20 : 0) | (extension > 0 ? 0x10 : 0) | csrcs.length;
  packet[1] = fields.payloadType ?? 0;
  packet.writeUInt16BE(fields.seq & 0xffff, 2);
  packet.writeUInt32BE((fields.timestamp ?? fields.seq * 160) >>> 0, 4);
  packet.writeUInt32BE(fields.ssrc ?? 0x11223344, 8);
  let at = 12;
  for (const csrc of csrcs) {
    packet.writeUInt32BE(csrc, at);
    at += 4;
  }
  if (extension > 0) {
    packet.writeUInt16BE(0xbede, at);
    packet.writeUInt16BE(fields.extensionWords!, at + 2);
    packet.fill(0xee, at + 4, at + extension);
    at += extension;
  }
  packet.set(payload, at);
  if (padding > 0) packet[packet.length - 1] = padding;
  return packet;
}

/** A receiver report with one report block, then an SDES CNAME: a compound RTCP packet. */
export function rtcpPacket(ssrc = 0x11223344, fill = 0x42): Buffer {
  const rr = Buffer.alloc(32, fill);
  rr[0] = 0x81;
  rr[1] = 201;
  rr.writeUInt16BE(32 / 4 - 1, 2);
  rr.writeUInt32BE(ssrc, 4);
  const cname = Buffer.from('sbc@127.0.0.1');
  const sdes = Buffer.alloc(4 + 4 + Math.ceil((2 + cname.length + 1) / 4) * 4);
  sdes[0] = 0x81;
  sdes[1] = 202;
  sdes.writeUInt16BE(sdes.length / 4 - 1, 2);
  sdes.writeUInt32BE(ssrc, 4);
  sdes[8] = 1;
  sdes[9] = cname.length;
  cname.copy(sdes, 10);
  return Buffer.concat([rr, sdes]);
}
