// `sbc-studio config new --profile ID ...`: a config file made from a provider profile, with the
// profile's questions answered and any field set by path; `sbc-studio config powershell FILE`: the
// Teams pairing script for a config. Exit 0 done, 2 with a message naming the question, path or file.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  applyProfile,
  confidenceReport,
  describeSource,
  parseConfigPath,
  setAtPath,
  teamsPowerShell,
  type Profile,
} from '../../sbc-engine/config/profiles/index.ts';
import {
  defaultConfig,
  parseConfig,
  redactSecrets,
  type Config,
} from '../../sbc-engine/config/schema/index.ts';
import { loadBundledProfiles } from '../../sbc-engine/resources/bundled-profiles.ts';
import { resourcesDir } from '../../sbc-engine/resources/resources-dir.ts';
import { consoleOutput, type CliOutput } from './output.ts';

export const CONFIG_HELP = `Usage: sbc-studio config new --profile ID [--answer QUESTION=VALUE]... [--set PATH=VALUE]... [--out FILE]
       sbc-studio config powershell FILE [--name NAME] [--number-pattern REGEX]

  new         a config with the connections, TLS profile, failover group and routes of a provider
              profile (sbc-studio profiles list shows the ids and questions). --set changes any field
              afterwards, e.g. --set system.name=Berlin --set connections[0].maxConcurrentCalls=50
              (VALUE is read as JSON when it is JSON, else as text). Without --out the config goes
              to standard output. A file with a password is written readable by you only (0600).
  powershell  the PowerShell that pairs the SBC with Microsoft Teams (New-CsOnlinePSTNGateway),
              and a PSTN usage, voice route and voice routing policy for it.
Exit code: 0 done, 2 a bad option, answer, path or file.`;

/** "id=value" pairs; the value may itself hold "=". */
function pairs(
  list: string[],
  option: string,
): { ok: true; map: Map<string, string> } | { ok: false; message: string } {
  const map = new Map<string, string>();
  for (const item of list) {
    const at = item.indexOf('=');
    if (at <= 0) return { ok: false, message: `${option} "${item}": expected NAME=VALUE` };
    const name = item.slice(0, at);
    if (map.has(name)) return { ok: false, message: `${option} ${name} is given twice` };
    map.set(name, item.slice(at + 1));
  }
  return { ok: true, map };
}

/** JSON when the text is JSON (50, true, null, ["a"]), else the text itself. */
function setValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function hasSecrets(config: Config): boolean {
  return JSON.stringify(redactSecrets(config)) !== JSON.stringify(config);
}

export async function configCommand(argv: string[], io: CliOutput = consoleOutput): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        profile: { type: 'string' },
        answer: { type: 'string', multiple: true },
        set: { type: 'string', multiple: true },
        out: { type: 'string' },
        name: { type: 'string' },
        'number-pattern': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.err(`sbc-studio config: ${(error as Error).message}\n\n${CONFIG_HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) return (io.out(CONFIG_HELP), 0);
  const fail = (message: string) => (io.err(`sbc-studio config: ${message}`), 2);
  const [sub, ...rest] = positionals;
  if (sub === 'powershell') {
    if (rest.length !== 1) return fail(`give exactly one FILE\n\n${CONFIG_HELP}`);
    return powershell(rest[0]!, values.name, values['number-pattern'], io, fail);
  }
  if (sub !== 'new' || rest.length)
    return fail(`expected "config new" or "config powershell FILE"\n\n${CONFIG_HELP}`);
  if (!values.profile) return fail('config new needs --profile ID (see sbc-studio profiles list)');

  let profiles: Profile[];
  try {
    profiles = await loadBundledProfiles(resourcesDir(import.meta.url));
  } catch (error) {
    return fail((error as Error).message);
  }
  const profile = profiles.find((p) => p.id === values.profile);
  if (!profile) {
    return fail(
      `--profile: no profile "${values.profile}" (there are: ${profiles.map((p) => p.id).join(', ')})`,
    );
  }
  const answers = pairs(values.answer ?? [], '--answer');
  if (!answers.ok) return fail(answers.message);
  const sets = pairs(values.set ?? [], '--set');
  if (!sets.ok) return fail(sets.message);

  const applied = applyProfile(defaultConfig(), profile, Object.fromEntries(answers.map));
  if (!applied.ok) {
    for (const error of applied.errors) {
      const where = error.question ? `--answer ${error.question}` : (error.path ?? profile.id);
      io.err(`sbc-studio config: ${where}: ${error.message}`);
    }
    return 2;
  }
  if (applied.warning) io.err(`warning: ${profile.name} is a legacy profile. ${applied.warning}`);

  const draft = structuredClone(applied.config) as unknown as Record<string, unknown>;
  for (const [pathText, text] of sets.map) {
    const path = parseConfigPath(pathText);
    if (!path.ok) return fail(`--set ${pathText}: ${path.message}`);
    const set = setAtPath(draft, path.keys, setValue(text));
    if (!set.ok) return fail(`--set ${pathText}: ${set.path}: ${set.message}`);
  }
  const checked = parseConfig(draft);
  if (!checked.ok) {
    for (const error of checked.errors)
      io.err(`sbc-studio config: ${error.path || 'config'}: ${error.message}`);
    return 2;
  }
  const config = checked.config;
  const text = `${JSON.stringify(config, null, 2)}\n`;
  const report = values.out ? io.out : io.err;
  if (values.out) {
    try {
      writeFileSync(values.out, text, { mode: 0o600 });
      chmodSync(values.out, 0o600); // an existing file keeps its old mode otherwise
    } catch (error) {
      return fail(`--out ${values.out}: ${(error as Error).message}`);
    }
    report(`Wrote ${values.out} from the profile "${profile.name}".`);
  } else io.out(text.trimEnd());
  if (hasSecrets(config)) {
    io.err(
      `warning: ${values.out ?? 'the config'} holds a password in plain text${values.out ? ' (file mode 0600)' : ''}: keep it private`,
    );
  }
  const added = applied.added;
  const parts = [
    ['connections', added.connections],
    ['failover groups', added.failoverGroups],
    ['TLS profiles', added.tlsProfiles],
    ['routes', added.routes],
  ] as const;
  report(
    `Added ${parts
      .filter(([, ids]) => ids.length)
      .map(([what, ids]) => `${what} ${ids.join(', ')}`)
      .join('; ')}.`,
  );
  const confirm = confidenceReport(applied);
  if (confirm.length) {
    report(`Confirm with your provider (${confirm.length}):`);
    for (const item of confirm) {
      const value = item.path === null ? '' : `${item.path} = ${JSON.stringify(item.value)}: `;
      report(`  [${item.confidence}] ${value}${item.message}. Source: ${describeSource(item.source)}`);
    }
  }
  return 0;
}

function powershell(
  file: string,
  name: string | undefined,
  numberPattern: string | undefined,
  io: CliOutput,
  fail: (message: string) => number,
): number {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return fail(
      `${file}: ${(error as NodeJS.ErrnoException).code ? 'cannot be read' : 'not valid JSON'} (${(error as Error).message})`,
    );
  }
  const parsed = parseConfig(json);
  if (!parsed.ok) {
    for (const error of parsed.errors)
      io.err(`sbc-studio config: ${file}: ${error.path || 'config'}: ${error.message}`);
    return 2;
  }
  const result = teamsPowerShell(parsed.config, {
    ...(name === undefined ? {} : { name }),
    ...(numberPattern === undefined ? {} : { numberPattern }),
  });
  if (!result.ok) return fail(`${file}: ${result.message}`);
  io.out(result.script.trimEnd());
  return 0;
}
