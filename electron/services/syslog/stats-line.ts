// The receiver's figures as one line for a console, every loss counter named even when it is 0:
// a flood that outruns the machine shows up here rather than as missing lines later.
import type { ReceiverStats } from './receiver.ts';

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}

export function formatStatsLine(stats: ReceiverStats, previous?: ReceiverStats, seconds?: number): string {
  const total = stats.received.udp + stats.received.tcp + stats.received.tls;
  const rate =
    previous && seconds
      ? ` (${Math.round((total - previous.received.udp - previous.received.tcp - previous.received.tls) / seconds)}/s)`
      : '';
  const parts = [
    `received ${total}${rate} [udp ${stats.received.udp}, tcp ${stats.received.tcp}, tls ${stats.received.tls}]`,
    `written ${stats.raw.written} (${bytes(stats.raw.writtenBytes)}), queue ${bytes(stats.raw.queuedBytes)}`,
    `lost: kernel ${stats.kernelDrops ?? 'unknown'}, queue full ${stats.raw.droppedQueueFull}, write failed ${stats.raw.lostWriteFailed}`,
  ];
  if (stats.truncated) parts.push(`cut to size ${stats.truncated}`);
  if (stats.connections.total) parts.push(`connections ${stats.connections.open} open`);
  const index = stats.index;
  if (index) {
    parts.push(
      `indexed ${index.messages} (behind ${bytes(index.lagBytes)}, full text behind ${index.ftsLag}, unparsed ${index.unparsed})`,
    );
    if (index.senders) parts.push(`sequence gaps ${index.sequenceMissing} from ${index.senders} sender(s)`);
    if (index.error) parts.push(index.error);
  }
  return `[syslog] ${parts.join(' · ')}`;
}
