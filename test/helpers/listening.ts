// Waits until a peer started by a test (sipp, kamailio) has bound its port, by reading the
// kernel's socket tables instead of sleeping a guessed time. Linux only, loopback only.
import { readFileSync } from 'node:fs';

const TCP_LISTEN = '0A';

function bound(table: '/proc/net/udp' | '/proc/net/tcp', port: number): boolean {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  return readFileSync(table, 'utf8')
    .split('\n')
    .slice(1)
    .some((line) => {
      const [, local, , state] = line.trim().split(/\s+/);
      return local?.endsWith(`:${hexPort}`) && (table === '/proc/net/udp' || state === TCP_LISTEN);
    });
}

/** Resolves once something listens on the port (UDP: is bound), or rejects after timeoutMs. */
export async function waitUntilListening(
  transport: 'udp' | 'tcp',
  port: number,
  timeoutMs = 10_000,
  alive: () => boolean = () => true,
): Promise<void> {
  const table = transport === 'udp' ? '/proc/net/udp' : '/proc/net/tcp';
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (bound(table, port)) return;
    if (!alive()) throw new Error(`the peer exited before it listened on ${transport}:${port}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`nothing listened on ${transport}:127.0.0.1:${port} within ${timeoutMs} ms`);
}
