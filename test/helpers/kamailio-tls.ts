// kamailio with its TLS module as a real SIP-over-TLS peer on 127.0.0.1: one TLS listener per
// certificate set (tls.cfg server domains are chosen by listen address and port), answering OPTIONS
// with 200 statelessly. Runs in the foreground with its config in a temp folder; stopped by PID.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitUntilListening } from './listening.ts';
import { freeTcpUdpPort } from './ports.ts';

export const KAMAILIO = '/usr/sbin/kamailio';
const MODULES = '/usr/lib/x86_64-linux-gnu/kamailio/modules';

export interface KamailioTlsDomain {
  name: string;
  /** PEM file with the chain the server sends, leaf first. */
  certificatePath: string;
  keyPath: string;
  /** Require a client certificate issued by the CA(s) in this PEM file (mutual TLS). */
  clientCaPath?: string;
}

export interface KamailioTls {
  /** TLS port of each domain, by name. */
  ports: Record<string, number>;
  pid: number;
  output(): string;
  stop(): Promise<void>;
}

function tlsConfig(domains: KamailioTlsDomain[], ports: Record<string, number>): string {
  const sections = domains.map((d) =>
    [
      `[server:127.0.0.1:${ports[d.name]}]`,
      'method = TLSv1.2+',
      `certificate = ${d.certificatePath}`,
      `private_key = ${d.keyPath}`,
      ...(d.clientCaPath
        ? ['verify_certificate = yes', 'require_certificate = yes', `ca_list = ${d.clientCaPath}`]
        : ['verify_certificate = no', 'require_certificate = no']),
      '',
    ].join('\n'),
  );
  // kamailio wants a default server domain; it is never reached, every listener has its own.
  const first = domains[0]!;
  return [
    '[server:default]',
    'method = TLSv1.2+',
    `certificate = ${first.certificatePath}`,
    `private_key = ${first.keyPath}`,
    '',
    ...sections,
    '[client:default]',
    'verify_certificate = no',
    'require_certificate = no',
    '',
  ].join('\n');
}

export async function startKamailioTls(domains: KamailioTlsDomain[]): Promise<KamailioTls> {
  if (!existsSync(KAMAILIO))
    throw new Error(`${KAMAILIO} is missing: apt-get install -y kamailio kamailio-tls-modules`);
  const dir = mkdtempSync(join(tmpdir(), 'sbc-kamailio-tls-'));
  const ports: Record<string, number> = {};
  for (const domain of domains) ports[domain.name] = await freeTcpUdpPort();
  writeFileSync(join(dir, 'tls.cfg'), tlsConfig(domains, ports));
  writeFileSync(
    join(dir, 'kamailio.cfg'),
    [
      '#!KAMAILIO',
      'debug=1',
      'log_stderror=yes',
      'children=1',
      'tcp_children=2',
      'enable_tls=yes',
      ...domains.map((d) => `listen=tls:127.0.0.1:${ports[d.name]}`),
      `mpath="${MODULES}/"`,
      'loadmodule "tls.so"',
      'loadmodule "sl.so"',
      `modparam("tls", "config", "${join(dir, 'tls.cfg')}")`,
      'request_route {',
      '  if (method=="OPTIONS") { sl_send_reply("200", "OK"); exit; }',
      '  sl_send_reply("405", "Method Not Allowed");',
      '}',
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(
    KAMAILIO,
    [
      '-f',
      join(dir, 'kamailio.cfg'),
      '-DD',
      '-E',
      '-P',
      join(dir, 'kamailio.pid'),
      '-Y',
      dir,
      '-m',
      '32',
      '-M',
      '8',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const keep = (d: Buffer) => (output = (output + d.toString()).slice(-20_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const port of Object.values(ports))
      await waitUntilListening('tcp', port, 15_000, () => child.exitCode === null);
  } catch (error) {
    await stop();
    throw new Error(`kamailio did not start: ${(error as Error).message}\n${output}`);
  }
  return { ports, pid: child.pid!, output: () => output, stop };
}
