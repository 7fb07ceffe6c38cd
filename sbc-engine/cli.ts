// The `sbc-engine` command: runs an engine, or performs a console-only action on its data folder.
import { parseArgs } from 'node:util';
import { parseHostPort } from './config/host-port.ts';
import { parseListenSpec, type ListenSpec } from './config/listen-spec.ts';
import { DEFAULT_MGMT_HOST, DEFAULT_MGMT_PORT } from './config/defaults.ts';
import { clockFromEnvironment } from './runtime/clock.ts';
import { DataDir } from './runtime/data-dir.ts';
import { defaultEngineDataDir } from './runtime/default-paths.ts';
import { renamePauseFromEnvironment } from './runtime/rename-pause.ts';
import { startEngine } from './runtime/engine.ts';
import { parseSyslogTarget, type SyslogTarget } from './syslog/target.ts';
import { ENGINE_VERSION } from './runtime/version.ts';

const HELP = `Usage: sbc-engine [run] [--data-dir DIR] [--mgmt HOST:PORT] [--sip udp|tcp|tls:HOST:PORT ...]
                  [--syslog udp|tcp:HOST:PORT] [--no-announce] [--announce-interface ADDR]
       sbc-engine reset-password [--data-dir DIR]

  run             start the engine (the default)
  reset-password  issue a new one-time setup key; use it in SBC Studio to set a new admin password

  --data-dir DIR     data folder (default: ${defaultEngineDataDir()})
  --mgmt HOST:PORT   management API address (default: ${DEFAULT_MGMT_HOST}:${DEFAULT_MGMT_PORT}, loopback only)
  --sip T:HOST:PORT  a SIP socket, repeatable: udp:0.0.0.0:5060, tcp:[::]:5060, tls:0.0.0.0:5061; open
                     in addition to the listeners of the applied config, which never closes it
  --syslog T:H:P     RFC 5424 syslog (certificate expiry warnings) to udp:HOST:PORT or tcp:HOST:PORT
  --no-announce      do not announce the engine with DNS-SD (_sbc-studio._tcp); also
                     SBC_ENGINE_ANNOUNCE=off. A loopback management address is never announced
  --announce-interface ADDR  announce on the interface with this IPv4 address only
  --print-setup-key  print the setup key also when the output is not a terminal (a service journal)
  --version, --help`;

function log(line: string): void {
  process.stdout.write(`${new Date().toISOString()} ${line}\n`);
}

function fail(message: string): never {
  process.stderr.write(`sbc-engine: ${message}\n`);
  process.exit(2);
}

export async function main(argv: string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'data-dir': { type: 'string' },
        mgmt: { type: 'string' },
        sip: { type: 'string', multiple: true },
        syslog: { type: 'string' },
        'print-setup-key': { type: 'boolean' },
        'no-announce': { type: 'boolean' },
        'announce-interface': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
      },
    });
  } catch (error) {
    fail(`${(error as Error).message}\n\n${HELP}`);
  }
  const { values, positionals } = parsed;
  if (values.help) return void process.stdout.write(HELP + '\n');
  if (values.version) return void process.stdout.write(ENGINE_VERSION + '\n');
  const command = positionals[0] ?? 'run';
  const dataDir = values['data-dir'] ?? defaultEngineDataDir();

  if (command === 'reset-password') {
    const dir = new DataDir(dataDir);
    if (!dir.isEngineFolder()) {
      fail(
        `${dataDir} holds no engine. Pass the folder the engine runs on with --data-dir (the bundled engine's is the "engine" folder in SBC Studio's data folder).`,
      );
    }
    const key = dir.issueSetupKey();
    process.stdout.write(
      `New setup key: ${key}\nThe running engine accepts it for one setup; the old password stays valid until then.\n`,
    );
    return;
  }
  if (command !== 'run') fail(`unknown command "${command}"\n\n${HELP}`);

  const mgmt = parseHostPort(values.mgmt ?? `${DEFAULT_MGMT_HOST}:${DEFAULT_MGMT_PORT}`, DEFAULT_MGMT_PORT);
  if (!mgmt.ok) fail(`--mgmt: ${mgmt.error}`);
  const sip: ListenSpec[] = [];
  for (const text of values.sip ?? []) {
    const spec = parseListenSpec(text);
    if (!spec.ok) fail(`--sip: ${spec.error}`);
    sip.push(spec.value);
  }
  let syslog: SyslogTarget | undefined;
  if (values.syslog !== undefined) {
    const target = parseSyslogTarget(values.syslog);
    if (!target.ok) fail(`--syslog: ${target.error}`);
    syslog = target.value;
  }
  const announceInterface = values['announce-interface'];
  if (announceInterface !== undefined && !/^\d{1,3}(\.\d{1,3}){3}$/.test(announceInterface)) {
    fail(`--announce-interface: "${announceInterface}" is not an IPv4 address`);
  }
  const announce =
    values['no-announce'] === true || process.env.SBC_ENGINE_ANNOUNCE === 'off'
      ? (false as const)
      : { ...(announceInterface ? { interface: announceInterface } : {}) };
  const { clock, testFile } = clockFromEnvironment(process.env);
  if (testFile) log(`[engine] TEST CLOCK active (offset from ${testFile}); never use this in production`);
  const renamePause = renamePauseFromEnvironment(process.env);
  if (renamePause.ms) log(`[engine] TEST HOOK: config writes pause ${renamePause.ms} ms before their rename; never use this in production`); // prettier-ignore
  let engine;
  try {
    engine = await startEngine({
      dataDir,
      mgmtHost: mgmt.value.host,
      mgmtPort: mgmt.value.port,
      sip,
      syslog,
      clock,
      beforeConfigRename: renamePause.beforeRename,
      log,
      console: process.stdout.isTTY === true || values['print-setup-key'] === true,
      announce,
    });
  } catch (error) {
    fail((error as Error).message);
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`[engine] ${signal}: stopping`);
    void engine.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGHUP', () => stop('SIGHUP'));
}

void main(process.argv.slice(2));
