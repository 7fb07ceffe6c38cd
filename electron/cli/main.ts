// The `sbc-studio` command.
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { isMainThread } from 'node:worker_threads';
import { parseHostPort } from '../../sbc-engine/config/host-port.ts';
import { DEFAULT_MGMT_HOST, DEFAULT_MGMT_PORT } from '../../sbc-engine/config/defaults.ts';
import { bundledEngineDataDir, defaultAppDataDir } from '../services/app-paths.ts';
import { BundledEngine } from '../services/engines/bundled-engine.ts';
import { findElectronExecutable } from './electron-runtime.ts';
import { distPaths, packageRoot } from './package-paths.ts';
import { serve } from './serve.ts';

const HELP = `Usage: sbc-studio <command> [options]

  start                  the desktop app; browser mode when the Electron runtime is not installed
  serve                  browser mode: serve the UI on this machine and print its address
  engine status|stop     the bundled engine, which runs in the background on its own
  certs inspect FILE     a certificate, chain, PKCS#7 or PFX file and its problems (certs --help)
  check TARGET           SIP OPTIONS to TARGET with TLS and certificate diagnosis (check --help)
  profiles list          the provider profiles and the questions they ask (profiles --help)
  config new             a config file from a provider profile (config --help)
  config powershell FILE the Teams PowerShell that pairs the SBC of a config file
  lint FILE              check a configuration file against the linter rules (lint --help)
  backup inspect|diff|export|restore  engine backups, offline or against an engine (backup --help)
  syslog                 receive syslog over UDP/TCP/TLS into a data folder (syslog --help)
  logs query             search received syslog (logs --help)
  discover               find engines by DNS-SD and by address or range (discover --help)

Options:
  --host HOST            browser mode address (default 127.0.0.1; env SBC_STUDIO_HOST)
  --port PORT            browser mode port (default 0 = any free port; env SBC_STUDIO_PORT)
  --data-dir DIR         app data folder (default ${defaultAppDataDir()}; env SBC_STUDIO_DATA_DIR)
  --engine-mgmt H:P      bundled engine management address (default ${DEFAULT_MGMT_HOST}:${DEFAULT_MGMT_PORT}; env SBC_STUDIO_ENGINE_MGMT)
  --no-engine            do not start or attach to a bundled engine
  --help, --version`;

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

function fail(message: string): never {
  process.stderr.write(`sbc-studio: ${message}\n`);
  process.exit(2);
}

export async function main(argv: string[]): Promise<void> {
  // Its own options (--password, --name ...), so it is dispatched before the app's option parser.
  if (argv[0] === 'check')
    return void (process.exitCode = await (await import('./check.ts')).checkCommand(argv.slice(1)));
  if (argv[0] === 'certs')
    return void (process.exitCode = await (await import('./certs-inspect.ts')).certsCommand(argv.slice(1)));
  if (argv[0] === 'profiles')
    return void (process.exitCode = await (await import('./profiles.ts')).profilesCommand(argv.slice(1)));
  if (argv[0] === 'config')
    return void (process.exitCode = await (await import('./config.ts')).configCommand(argv.slice(1)));
  if (argv[0] === 'lint')
    return void (process.exitCode = await (await import('./lint.ts')).lintCommand(argv.slice(1)));
  if (argv[0] === 'backup')
    return void (process.exitCode = await (await import('./backup.ts')).backupCommand(argv.slice(1)));
  if (argv[0] === 'syslog')
    return void (process.exitCode = await (await import('./syslog.ts')).syslogCommand(argv.slice(1)));
  if (argv[0] === 'logs')
    return void (process.exitCode = await (await import('./logs.ts')).logsCommand(argv.slice(1)));
  if (argv[0] === 'discover')
    return void (process.exitCode = await (await import('./discover.ts')).discoverCommand(argv.slice(1)));
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        'engine-mgmt': { type: 'string' },
        'no-engine': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
      },
    });
  } catch (error) {
    fail(`${(error as Error).message}\n\n${HELP}`);
  }
  const { values, positionals } = parsed;
  const env = process.env;
  if (values.version)
    return void log((await import('../../package.json', { with: { type: 'json' } })).default.version);
  if (values.help || positionals.length === 0) return void log(HELP);

  const dataDir = values['data-dir'] ?? defaultAppDataDir(env);
  const mgmtText =
    values['engine-mgmt'] ?? env.SBC_STUDIO_ENGINE_MGMT ?? `${DEFAULT_MGMT_HOST}:${DEFAULT_MGMT_PORT}`;
  const mgmt = parseHostPort(mgmtText, DEFAULT_MGMT_PORT);
  if (!mgmt.ok) fail(`--engine-mgmt: ${mgmt.error}`);
  const portText = values.port ?? env.SBC_STUDIO_PORT ?? '0';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) fail(`--port: "${portText}" is not a port number`);
  const host = values.host ?? env.SBC_STUDIO_HOST ?? '127.0.0.1';

  const [command, sub] = positionals;
  if (command === 'start') {
    const root = packageRoot();
    const electron = findElectronExecutable(root, env);
    if (electron) {
      const child = spawn(electron, [root], {
        stdio: 'inherit',
        env: { ...env, SBC_STUDIO_DATA_DIR: dataDir },
      });
      child.on('exit', (code) => process.exit(code ?? 0));
      return;
    }
    log('The Electron runtime is not installed here: starting SBC Studio in browser mode instead.');
  }
  if (command === 'start' || command === 'serve') {
    let running: Awaited<ReturnType<typeof serve>>;
    try {
      running = await serve({
        host,
        port,
        dataDir,
        engineMgmt: values['no-engine'] ? null : mgmt.value,
        log,
      });
    } catch (error) {
      fail((error as Error).message);
    }
    log(`SBC Studio is ready. Open this address in a browser (the token is your key; keep it private):`);
    log(`  ${running.url}`);
    log(
      'Press Ctrl+C to stop SBC Studio. The bundled engine keeps running; stop it with "sbc-studio engine stop".',
    );
    const stop = () => void running.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    return;
  }
  if (command === 'engine') {
    const engine = new BundledEngine({
      dataDir: bundledEngineDataDir(dataDir),
      host: mgmt.value.host,
      port: mgmt.value.port,
      execPath: process.execPath,
      execArgs: [distPaths().engineScript],
      env,
      log,
    });
    if (sub === 'status') {
      log(
        (await engine.isRunning())
          ? `The bundled engine answers on ${mgmtText}.`
          : `No engine answers on ${mgmtText}.`,
      );
    } else if (sub === 'stop') {
      log((await engine.stop()) ? 'The bundled engine stopped.' : 'The bundled engine was not running.');
    } else fail(`engine: expected "status" or "stop"\n\n${HELP}`);
    return;
  }
  fail(`unknown command "${command}"\n\n${HELP}`);
}

// The syslog receiver starts its index worker from this same bundle (services/syslog/receiver.ts).
if (isMainThread) void main(process.argv.slice(2));
else void import('../services/syslog/index-worker-thread.ts');
