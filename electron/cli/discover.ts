// `sbc-studio discover`: the engines on the network, from their DNS-SD announcements and from
// /identity probes of given addresses and ranges — the same service the Engines page uses.
import { parseArgs } from 'node:util';
import { isIP } from 'node:net';
import type { DiscoveredEngine, ScanFailure } from '../api/contract.ts';
import { DEFAULT_MGMT_PORT } from '../../sbc-engine/config/defaults.ts';
import { formatHostPort, parseHostPort } from '../../sbc-engine/config/host-port.ts';
import { DiscoveryService, DEFAULT_PARALLELISM } from '../services/discovery/discovery-service.ts';
import { MAX_SCAN_ADDRESSES } from '../services/discovery/scan-targets.ts';
import { ServiceError } from '../services/service-error.ts';
import { consoleOutput, type CliOutput } from './output.ts';

export const DISCOVER_HELP = `Usage: sbc-studio discover [--timeout S] [--address HOST[:PORT]]... [--range CIDR [--port P]]
                          [--interface ADDR] [--mdns] [--json]

  Finds SBC engines. Without --address and --range it listens S seconds for DNS-SD announcements
  (_sbc-studio._tcp, multicast on the local network); with them it asks GET /api/v1/identity at
  each address instead (${DEFAULT_PARALLELISM} at once) and sends nothing by multicast unless --mdns is given.
  Each engine is printed when it answers: name, address, version, setup state, fingerprint prefix.

Options:
  --timeout S         seconds to listen for announcements and to wait for each address (default 3)
  --address H[:P]     ask this address or host name, repeatable (port: --port, else ${DEFAULT_MGMT_PORT})
  --range CIDR        ask every address of an IPv4 range, repeatable (at most ${MAX_SCAN_ADDRESSES} addresses in all)
  --port P            management port for --address without a port and for --range
  --interface ADDR    listen for announcements only on the interface with this IPv4 address
  --mdns              listen for announcements also when --address or --range is given
  --json              one JSON document {engines, failures, notTried} at the end
Exit code: 0 engines found, 1 none found, 2 bad options.`;

interface DiscoverOptions {
  timeoutMs: number;
  targets: string[];
  addresses: string[];
  port: number;
  networkInterface?: string;
  mdns: boolean;
  json: boolean;
}

function parseOptions(argv: string[]): DiscoverOptions | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      timeout: { type: 'string' },
      address: { type: 'string', multiple: true },
      range: { type: 'string', multiple: true },
      port: { type: 'string' },
      interface: { type: 'string' },
      mdns: { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  if (positionals.length > 0) throw new Error(`unexpected "${positionals.join(' ')}"`);
  const timeoutText = values.timeout ?? '3';
  const timeout = Number(timeoutText);
  if (!/^\d+(\.\d+)?$/.test(timeoutText) || timeout <= 0 || timeout > 600)
    throw new Error(`--timeout: "${timeoutText}" is not a number of seconds (up to 600)`);
  const portText = values.port ?? String(DEFAULT_MGMT_PORT);
  const port = Number(portText);
  if (!/^\d{1,5}$/.test(portText) || port < 1 || port > 65535)
    throw new Error(`--port: "${portText}" is not a port number`);
  for (const range of values.range ?? [])
    if (!range.includes('/')) throw new Error(`--range: "${range}" is not a CIDR range such as 192.0.2.0/24`);
  if (values.interface !== undefined && isIP(values.interface) !== 4)
    throw new Error(`--interface: "${values.interface}" is not an IPv4 address`);
  const targets = [...(values.address ?? []), ...(values.range ?? [])];
  return {
    timeoutMs: Math.round(timeout * 1000),
    targets,
    addresses: values.address ?? [],
    port,
    ...(values.interface ? { networkInterface: values.interface } : {}),
    mdns: targets.length === 0 || values.mdns === true,
    json: values.json ?? false,
  };
}

function describe(engine: DiscoveredEngine): string {
  const how = engine.source === 'mdns' ? 'announced' : 'probed';
  if (engine.state !== 'reachable')
    return `${how.padEnd(9)}  ${engine.address}  not reachable: ${engine.lastError ?? 'no answer'}`;
  const setup = engine.provisioned ? 'set up' : 'not set up';
  const warning = engine.fingerprintMismatch ? `  WARNING: ${engine.lastError}` : '';
  return `${how.padEnd(9)}  ${engine.address}  ${engine.name ?? '?'}  version ${engine.version ?? '?'}  ${setup}  fingerprint ${engine.fingerprintPrefix ?? '?'}${warning}`;
}

function summary(failures: ScanFailure[], failureCount: number): string {
  const counts = new Map<string, number>();
  for (const failure of failures) counts.set(failure.reason, (counts.get(failure.reason) ?? 0) + 1);
  const listed = [...counts].map(([reason, count]) => `${count} ${reason}`).join(', ');
  return `${failureCount} without an engine${listed ? ` (${listed}${failureCount > failures.length ? ', first ones' : ''})` : ''}`;
}

export async function discoverCommand(argv: string[], io: CliOutput = consoleOutput): Promise<number> {
  let options: DiscoverOptions;
  try {
    const parsed = parseOptions(argv);
    if (parsed === 'help') return (io.out(DISCOVER_HELP), 0);
    options = parsed;
  } catch (error) {
    io.err(`sbc-studio discover: ${(error as Error).message}\n\n${DISCOVER_HELP}`);
    return 2;
  }
  const printed = new Set<string>();
  const service = new DiscoveryService({
    mdns: options.mdns ? (options.networkInterface ? { interface: options.networkInterface } : {}) : 'off',
    probeTimeoutMs: options.timeoutMs,
    onBrowsed: (engine) => {
      // One line per engine when its check is done; a later change (goodbye) is not news here.
      if (options.json || engine.state === 'checking' || printed.has(engine.address)) return;
      printed.add(engine.address);
      io.out(describe(engine));
    },
    log: (line) => io.err(line),
  });
  const engines: DiscoveredEngine[] = [];
  const failures: ScanFailure[] = [];
  let notTried = 0;
  try {
    if (options.mdns) service.browse();
    if (options.targets.length > 0) {
      let scan;
      try {
        scan = service.scan({ targets: options.targets.join(' '), port: options.port });
      } catch (error) {
        if (error instanceof ServiceError && error.code === 'invalid-input') {
          io.err(`sbc-studio discover: ${error.message}`);
          return 2;
        }
        throw error;
      }
      let shown = 0;
      // Results as they come: the scan keeps them in order of arrival.
      const timer = setInterval(() => {
        const now = service.results(scan.scanId);
        if (!options.json) for (const engine of now.found.slice(shown)) io.out(describe(engine));
        shown = now.found.length;
      }, 100);
      const results = await service.finished(scan.scanId);
      clearInterval(timer);
      if (!options.json) {
        for (const engine of results.found.slice(shown)) io.out(describe(engine));
        // A silent address in a range is expected; a named one that fails is worth a line.
        const named = new Set(
          options.addresses.flatMap((text) => {
            const parsed = parseHostPort(text, options.port);
            return parsed.ok ? [formatHostPort(parsed.value)] : [];
          }),
        );
        for (const failure of results.failures.filter((f) => named.has(f.address)))
          io.out(`no engine  ${failure.address}  ${failure.message}`);
        io.out(`scanned ${results.done} of ${results.total}: ${results.found.length} engines, ${summary(results.failures, results.failureCount)}${results.notTried ? `, ${results.notTried} not tried (${results.state})` : ''}`); // prettier-ignore
      }
      engines.push(...results.found);
      failures.push(...results.failures);
      notTried = results.notTried;
    }
    if (options.mdns) {
      await new Promise((resolve) => setTimeout(resolve, options.timeoutMs));
      // Engines that announced themselves while the time ran out are still being asked.
      for (let waited = 0; waited < options.timeoutMs + 500; waited += 100) {
        if (!service.listing().engines.some((engine) => engine.state === 'checking')) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const listing = service.listing();
      if (listing.problem) io.err(`sbc-studio discover: ${listing.problem}`);
      engines.push(...listing.engines);
    }
  } finally {
    await service.close();
  }
  if (options.json) io.out(JSON.stringify({ engines, failures, notTried }, null, 1));
  return engines.some((engine) => engine.state === 'reachable') ? 0 : 1;
}
