// A network namespace of the test's own with only loopback, made multicast-capable, so mDNS can be
// tested without a packet on the machine's real interfaces. Needs root (CAP_SYS_ADMIN): where it
// cannot be made, create() throws saying so, and the test fails instead of passing silently.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

export interface NetNamespace {
  name: string;
  /** Command prefix that runs a program inside the namespace. */
  exec: string[];
  remove(): void;
}

function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'], timeout: 10_000 });
}

export function createNetNamespace(): NetNamespace {
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new Error(
      'The mDNS tests need a network namespace of their own and root to create it (ip netns add); run the tests as root. They never multicast on real interfaces.',
    );
  }
  const name = `sbcdisc-${randomBytes(4).toString('hex')}`;
  try {
    ip('netns', 'add', name);
  } catch (error) {
    throw new Error(
      `Cannot create the network namespace ${name} for the mDNS tests: ${(error as Error).message}`,
    );
  }
  const remove = () => {
    try {
      ip('netns', 'delete', name);
    } catch {
      // already gone
    }
  };
  try {
    ip('-n', name, 'link', 'set', 'lo', 'up');
    ip('-n', name, 'link', 'set', 'lo', 'multicast', 'on');
    ip('-n', name, 'route', 'add', '224.0.0.0/4', 'dev', 'lo');
  } catch (error) {
    remove();
    throw new Error(
      `Cannot prepare the network namespace ${name} for multicast: ${(error as Error).message}`,
    );
  }
  return { name, exec: ['ip', 'netns', 'exec', name], remove };
}
