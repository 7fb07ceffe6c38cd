// Kernel drops of a UDP socket, from /proc/net/udp and /proc/net/udp6 on Linux: the last column
// ("drops") counts datagrams the kernel threw away because the socket's receive buffer was full,
// which the process never sees. Elsewhere the figure is unknown.
import { readFileSync, readlinkSync } from 'node:fs';

/** The drops column of the row with this inode; undefined when there is no such row. */
export function dropsForInode(table: string, inode: number): number | undefined {
  for (const line of table.split('\n').slice(1)) {
    const columns = line.trim().split(/\s+/);
    // sl local rem st tx:rx tr:when retrnsmt uid timeout inode ref pointer drops
    if (columns.length >= 13 && Number(columns[9]) === inode) return Number(columns[12]);
  }
  return undefined;
}

/** The inode of an open file descriptor that is a socket, from /proc/self/fd. */
export function socketInode(fd: number): number | undefined {
  try {
    const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Kernel drops for the socket with this inode, or undefined where the OS does not tell. */
export function readKernelDrops(inode: number | undefined): number | undefined {
  if (inode === undefined || process.platform !== 'linux') return undefined;
  for (const file of ['/proc/net/udp', '/proc/net/udp6']) {
    try {
      const drops = dropsForInode(readFileSync(file, 'latin1'), inode);
      if (drops !== undefined) return drops;
    } catch {
      // not readable here
    }
  }
  return undefined;
}
