// The receiver's figures as label keys and shown values: every loss counter named, even at 0, so a
// flood the machine could not keep up with shows here and not as missing lines later.
import type { SyslogStatus } from '../../../electron/api/contract.ts';

export interface Figure {
  key: string;
  /** undefined: the OS or the receiver does not tell. */
  value: string | undefined;
}

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}

export function receiverFigures(status: SyslogStatus): { counters: Figure[]; losses: Figure[] } {
  const s = status.stats;
  const n = (value: number | null | undefined) => (value === null || value === undefined ? undefined : value.toLocaleString('en-US')); // prettier-ignore
  const received = s ? s.received.udp + s.received.tcp + s.received.tls : undefined;
  return {
    counters: [
      { key: 'received', value: s ? `${n(received)} (UDP ${n(s.received.udp)}, TCP ${n(s.received.tcp)}, TLS ${n(s.received.tls)})` : undefined }, // prettier-ignore
      { key: 'written', value: s ? `${n(s.raw.written)} (${bytes(s.raw.writtenBytes)})` : undefined },
      { key: 'indexed', value: n(s?.index?.messages) },
      { key: 'indexLag', value: s?.index ? bytes(s.index.lagBytes) : undefined },
      { key: 'ftsLag', value: n(s?.index?.ftsLag) },
    ],
    losses: [
      { key: 'kernelDrops', value: n(s?.kernelDrops) },
      { key: 'queueFull', value: n(s?.raw.droppedQueueFull) },
      { key: 'writeFailed', value: n(s?.raw.lostWriteFailed) },
      { key: 'sequenceGaps', value: n(s?.index?.sequenceMissing) },
      { key: 'truncated', value: n(s?.truncated) },
    ],
  };
}
