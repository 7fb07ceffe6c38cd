// tshark (Wireshark's command line) as the oracle for the pcap files we export.
import { execFileSync, spawnSync } from 'node:child_process';

/** Fails with what to install when tshark is missing, instead of a confusing spawn error. */
export function requireTshark(): void {
  const probe = spawnSync('tshark', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0)
    throw new Error(
      'tshark is not installed: the pcap export is checked by reading it back with tshark. Install the Debian package "tshark" (scripts/ensure-test-deps.sh lists it).',
    );
}

/** The SIP start lines (request lines and status lines) tshark decodes from a capture file. */
export function tsharkSipStartLines(file: string): string[] {
  const out = execFileSync(
    'tshark',
    [
      '-r',
      file,
      '-Y',
      'sip',
      '-T',
      'fields',
      '-e',
      'sip.Request-Line',
      '-e',
      'sip.Status-Line',
      '-E',
      'separator=|',
    ],
    { encoding: 'utf8', env: { ...process.env, HOME: process.env.HOME ?? '/tmp' } },
  );
  return out
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => line.split('|').filter(Boolean).join(''));
}

/** The Call-IDs tshark decodes, one per packet. */
export function tsharkCallIds(file: string): string[] {
  const out = execFileSync('tshark', ['-r', file, '-Y', 'sip', '-T', 'fields', '-e', 'sip.Call-ID'], { encoding: 'utf8' }); // prettier-ignore
  return out.split('\n').filter((line) => line.trim() !== '');
}
