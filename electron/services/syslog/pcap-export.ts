// A call's SIP messages as a pcap file Wireshark decodes: link type 252 (LINKTYPE_WIRESHARK_UPPER_PDU,
// "exported PDU"). Each record starts with tag-length-value metadata (big-endian 16-bit tag and
// length, values padded to 4 bytes): the dissector to use ("sip") and, where the log names them, the
// IP addresses of both ends; then the SIP message itself. No invented UDP/IP headers: the log does
// not say everything they would claim.
import { isIP } from 'node:net';
import type { Ladder, LoggedSip } from './sip/index.ts';

export const LINKTYPE_WIRESHARK_UPPER_PDU = 252;

/** Tag numbers from Wireshark's exported_pdu_tlvs.h. */
const TAG = { end: 0, dissectorName: 12, ipv4Src: 20, ipv4Dst: 21, ipv6Src: 22, ipv6Dst: 23 } as const;

export interface PduPacket {
  /** Epoch ms. */
  time: number;
  payload: Buffer;
  src?: string;
  dst?: string;
}

function tlv(tag: number, value: Buffer): Buffer {
  const padded = (value.length + 3) & ~3;
  const out = Buffer.alloc(4 + padded);
  out.writeUInt16BE(tag, 0);
  out.writeUInt16BE(padded, 2);
  value.copy(out, 4);
  return out;
}

function ipv4(address: string): Buffer {
  return Buffer.from(address.split('.').map(Number));
}

function ipv6(address: string): Buffer {
  const [head, tail] = address.includes('::') ? address.split('::') : [address, undefined];
  const groups = (text: string | undefined) => (text ? text.split(':') : []);
  const left = groups(head);
  const right = groups(tail);
  // An embedded IPv4 tail (::ffff:192.0.2.1) is two groups.
  const expand = (list: string[]) =>
    list.flatMap((g) => (g.includes('.') ? [ipv4(g).readUInt16BE(0).toString(16), ipv4(g).readUInt16BE(2).toString(16)] : [g])); // prettier-ignore
  const l = expand(left);
  const r = expand(right);
  const all = tail === undefined ? l : [...l, ...Array<string>(8 - l.length - r.length).fill('0'), ...r];
  const out = Buffer.alloc(16);
  all.forEach((g, i) => out.writeUInt16BE(parseInt(g || '0', 16), i * 2));
  return out;
}

/** The metadata header of one record: dissector "sip", addresses when both ends have one of a family. */
export function pduHeader(dissector: string, src?: string, dst?: string): Buffer {
  const parts = [tlv(TAG.dissectorName, Buffer.from(dissector, 'ascii'))];
  const family = src && dst ? (isIP(src) === isIP(dst) ? isIP(src) : 0) : 0;
  if (family === 4) parts.push(tlv(TAG.ipv4Src, ipv4(src!)), tlv(TAG.ipv4Dst, ipv4(dst!)));
  if (family === 6) parts.push(tlv(TAG.ipv6Src, ipv6(src!)), tlv(TAG.ipv6Dst, ipv6(dst!)));
  parts.push(Buffer.alloc(4)); // end of options: tag 0, length 0
  return Buffer.concat(parts);
}

export function writePcap(packets: PduPacket[], dissector = 'sip'): Buffer {
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0); // microsecond timestamps, little-endian
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeInt32LE(0, 8);
  header.writeUInt32LE(0, 12);
  header.writeUInt32LE(262_144, 16);
  header.writeUInt32LE(LINKTYPE_WIRESHARK_UPPER_PDU, 20);
  const records: Buffer[] = [header];
  for (const packet of packets) {
    const data = Buffer.concat([pduHeader(dissector, packet.src, packet.dst), packet.payload]);
    const record = Buffer.alloc(16);
    const ms = Math.max(0, Math.floor(packet.time));
    record.writeUInt32LE(Math.floor(ms / 1000), 0);
    record.writeUInt32LE((ms % 1000) * 1000, 4);
    record.writeUInt32LE(data.length, 8);
    record.writeUInt32LE(data.length, 12);
    records.push(record, data);
  }
  return Buffer.concat(records);
}

/**
 * One record per SIP message, in the ladder's order; each end's address is the first IP among its
 * column's aliases, else the address the log came from (`sourceAddress`, for the logging device).
 */
export function callPackets(
  messages: LoggedSip[],
  ladder: Ladder,
  sourceAddress: (message: LoggedSip) => string | undefined,
): PduPacket[] {
  const byId = new Map(messages.map((m) => [m.id, m]));
  const addressOf = (column: number, m: LoggedSip) => {
    const col = ladder.columns[column];
    const ip = col?.aliases.find((alias) => isIP(alias) !== 0);
    return ip ?? (col?.logging ? sourceAddress(m) : undefined);
  };
  const packets: PduPacket[] = [];
  for (const arrow of ladder.arrows) {
    const m = byId.get(arrow.messageId);
    if (!m) continue;
    const src = addressOf(arrow.from, m);
    const dst = addressOf(arrow.to, m);
    packets.push({
      time: m.time,
      payload: Buffer.from(m.sip.sipText, 'utf8'),
      ...(src ? { src } : {}),
      ...(dst ? { dst } : {}),
    });
  }
  return packets;
}
