// `sbc-studio lint FILE`: checks an engine configuration file against the linter rules, offline.
// Exit 0: no error findings; 1: at least one error; 2: the file is not a valid configuration (or
// cannot be read). Certificate rules need the engine's certificate store and are not checked here;
// the bundled CA roots come from this installation's resources/ca/index.json.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  CA_FOLDER,
  CA_INDEX_FILE,
  jsonErrorOffset,
  parseRootIndex,
} from '../../sbc-engine/certs/bundled-roots.ts';
import {
  hasErrorFindings,
  lintConfig,
  type BundledRootFact,
  type LintResult,
} from '../../sbc-engine/config/lint/index.ts';
import { migrateConfig, parseConfig, type ConfigError } from '../../sbc-engine/config/schema/index.ts';
import { findResourcesDir } from '../../sbc-engine/resources/resources-dir.ts';
import { consoleOutput, type CliOutput } from './output.ts';

export const LINT_HELP = `Usage: sbc-studio lint FILE [--json]

  Checks an engine configuration file (JSON) for the pitfalls of Teams, Telekom, Exchange UM and
  SIP in general, without an engine: each finding with its severity, config path, the symptom it
  would cause and whether a one-click fix exists. The rules are listed in the README.
  Certificate rules need the engine's certificate store and are not checked here.

Options:
  --json                 machine-readable output
Exit code: 0 no errors (warnings allowed), 1 errors found, 2 the file is not a valid configuration.`;

/** The roots this installation bundles; undefined (rules skipped) when the index cannot be read. */
function bundledRoots(now: Date): BundledRootFact[] | undefined {
  try {
    const dir = findResourcesDir(import.meta.url);
    if (!dir) return undefined;
    const path = join(dir, CA_FOLDER, CA_INDEX_FILE);
    return parseRootIndex(readFileSync(path, 'utf8'), path).roots.map((root) => ({
      name: root.name,
      available: root.available,
      ...(root.available ? { notAfter: root.notAfter } : {}),
      expired: root.available && Date.parse(root.notAfter) < now.getTime(),
    }));
  } catch {
    return undefined;
  }
}

type ReadResult = { ok: true; json: unknown } | { ok: false; errors: ConfigError[] };

function readJson(file: string): ReadResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, errors: [{ path: '', message: `cannot be read (${code ?? String(error)})` }] };
  }
  try {
    return { ok: true, json: JSON.parse(text) as unknown };
  } catch {
    const offset = jsonErrorOffset(text);
    const before = text.slice(0, offset).split('\n');
    const where = `line ${before.length} column ${(before.at(-1)?.length ?? 0) + 1}`;
    return { ok: false, errors: [{ path: '', message: `is not valid JSON (at ${where})` }] };
  }
}

function count(result: LintResult, severity: string): number {
  return result.findings.filter((finding) => finding.severity === severity).length;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function report(file: string, result: LintResult, upgraded: string[]): string[] {
  const lines = upgraded.map((step) => `${file}: upgraded in memory, schema ${step}`);
  const counts = `${plural(count(result, 'error'), 'error')}, ${plural(count(result, 'warning'), 'warning')}, ${count(result, 'info')} info`;
  lines.push(`${file}: ${counts}`);
  for (const finding of result.findings) {
    lines.push(
      '',
      `${finding.severity.padEnd(7)} ${finding.path}  [${finding.ruleId}]`,
      `        ${finding.message}`,
    );
    if (finding.fix) lines.push(`        fix available: ${finding.fix.title}`);
  }
  const byReason = new Map<string, string[]>();
  for (const skip of result.skipped)
    byReason.set(skip.reason, [...(byReason.get(skip.reason) ?? []), skip.ruleId]);
  if (byReason.size) lines.push('');
  for (const [reason, ids] of byReason)
    lines.push(`Not checked (${reason.replace(/^not checked: /, '')}): ${ids.join(', ')}`);
  return lines;
}

/** Runs the command and returns its exit code. */
export async function lintCommand(argv: string[], io: CliOutput = consoleOutput): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    io.err(`sbc-studio lint: ${(error as Error).message}\n\n${LINT_HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) return (io.out(LINT_HELP), 0);
  const [file, ...extra] = positionals;
  if (!file || extra.length) {
    io.err(`sbc-studio lint: give exactly one FILE\n\n${LINT_HELP}`);
    return 2;
  }

  const read = readJson(file);
  const migrated = read.ok ? migrateConfig(read.json) : undefined;
  const checked = read.ok ? parseConfig(read.json) : read;
  if (!checked.ok) {
    io.err(`sbc-studio lint: ${file} is not a valid configuration:`);
    for (const error of checked.errors) io.err(`  ${error.path || '(file)'}: ${error.message}`);
    if (values.json) io.out(JSON.stringify({ file, valid: false, errors: checked.errors }, null, 2));
    return 2;
  }

  const now = new Date();
  const roots = bundledRoots(now);
  const result = lintConfig(checked.config, { now, ...(roots ? { bundledRoots: roots } : {}) });
  const upgraded = migrated?.ok ? migrated.applied : [];
  if (values.json) {
    const findings = result.findings.map(({ fix, ...finding }) => ({ ...finding, fix: fix?.title ?? null }));
    const counts = {
      error: count(result, 'error'),
      warning: count(result, 'warning'),
      info: count(result, 'info'),
    };
    io.out(
      JSON.stringify({ file, valid: true, upgraded, counts, findings, skipped: result.skipped }, null, 2),
    );
  } else for (const line of report(file, result, upgraded)) io.out(line);
  return hasErrorFindings(result) ? 1 : 0;
}
