// `sbc-studio backup inspect|diff|export|restore`: archives offline, and against an engine by its
// management address with a password file and the pinned certificate fingerprint (no prompt, so the
// commands run from a scheduler). Secrets come from files, never from the command line, where any
// user of the machine could read them in the process list.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openBackup, type OpenedBackup } from '../../sbc-engine/backup/archive.ts';
import { backupDiffIsEmpty, diffBackups } from '../../sbc-engine/backup/diff.ts';
import { BackupError } from '../../sbc-engine/backup/errors.ts';
import { summarizeBackup, type BackupSummary } from '../../sbc-engine/backup/summary.ts';
import { normalizeFingerprint } from '../../sbc-engine/certs/fingerprint.ts';
import { parseHostPort } from '../../sbc-engine/config/host-port.ts';
import { DEFAULT_MGMT_PORT } from '../../sbc-engine/config/defaults.ts';
import type { MgmtBody, MgmtResponse, MgmtRouteName } from '../../sbc-engine/mgmt/contract.ts';
import { callMgmt, MgmtClientError, type MgmtTarget } from '../services/engines/mgmt-client.ts';
import { consoleOutput, type CliOutput } from './output.ts';

export const BACKUP_HELP = `Usage: sbc-studio backup <command> ...

  inspect FILE [--passphrase-file F] [--json]
        what an archive holds, checked member by member; which secrets it cannot give without the passphrase
  diff A B [--passphrase-file F] [--json]
        the differences between two archives (config, certificates, history)
  export --engine HOST:PORT --password-file F --fingerprint FP [--passphrase-file F] [-o FILE]
        a backup of a running engine; without --passphrase-file it holds no secrets
  restore FILE --engine HOST:PORT --password-file F --fingerprint FP [--passphrase-file F]
          [--parts config,history,certificates,admin-password] [--confirm-within S]
          [--override-reason TEXT] [--dry-run] [--json]
        shows the preview (diff, lint findings, missing secrets), then restores through the
        engine's apply with confirmation and confirms once the engine answers again

  --password-file F      the engine's admin password (first line)
  --passphrase-file F    the archive's passphrase (first line)
  --fingerprint FP       SHA-256 of the engine's management certificate, as SBC Studio shows it

Exit code: 0 done (diff: no differences); 1 refused — a damaged or forged archive, a wrong
passphrase, the engine refused the restore (diff: differences found); 2 usage, a file that cannot be
read, or the engine cannot be reached.`;

class UsageError extends Error {}

function firstLine(file: string, what: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `${what} ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? error})`,
    );
  }
  const line = text.split(/\r?\n/)[0] ?? '';
  if (!line) throw new UsageError(`${what} ${file} is empty`);
  return line;
}

function readArchive(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new UsageError(`${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? error})`);
  }
}

export function describeSummary(file: string, summary: BackupSummary): string[] {
  const lines = [
    `${file}: backup of ${summary.engine.name} (${summary.engine.id}), engine ${summary.engine.version}`,
    `  made ${summary.createdAt} by ${summary.createdBy}; config version ${summary.configVersion}, schema ${summary.configSchemaVersion}${summary.migratedFrom ? ` (upgraded from ${summary.migratedFrom})` : ''}`, // prettier-ignore
    `  SBC FQDN: ${summary.fqdn ?? '(none)'}; connections: ${summary.connections.map((c) => c.name).join(', ') || '(none)'}`, // prettier-ignore
    `  history: ${summary.history.length} versions${summary.history.length ? ` (${summary.history.at(-1)!.version}–${summary.history[0]!.version})` : ''}`, // prettier-ignore
    `  certificates: ${summary.certificates.own.map((c) => `${c.label} [${c.id}]${c.notAfter ? ` until ${c.notAfter.slice(0, 10)}` : ' (pending)'}`).join(', ') || '(none)'}`, // prettier-ignore
    `  trusted CAs: ${summary.certificates.trustedCas.map((c) => c.label).join(', ') || '(none)'}`,
    `  secrets: ${summary.secrets.encrypted ? (summary.secrets.opened ? 'encrypted, opened with the passphrase' : 'encrypted; give --passphrase-file to open them') : 'not in this archive (made without a passphrase)'}`, // prettier-ignore
  ];
  const missing = summary.secrets.missing;
  const paths = Object.entries(missing.configs).flatMap(([member, list]) =>
    list.map((p) => `${member}: ${p}`),
  );
  if (paths.length || missing.privateKeys.length || missing.adminPassword) {
    lines.push('  a restore from this file lacks:');
    for (const path of paths) lines.push(`    trunk password ${path}`);
    for (const key of missing.privateKeys) lines.push(`    private key of "${key.label}" (${key.id})`);
    if (missing.adminPassword) lines.push('    the admin password');
  }
  for (const note of summary.notes) lines.push(`  note: ${note}`);
  return lines;
}

async function open(file: string, passphraseFile: string | undefined): Promise<OpenedBackup> {
  const passphrase = passphraseFile ? firstLine(passphraseFile, 'the passphrase file') : undefined;
  return openBackup(readArchive(file), passphrase === undefined ? {} : { passphrase });
}

interface Session {
  call<N extends MgmtRouteName>(name: N, body: MgmtBody<N>, timeoutMs?: number): Promise<MgmtResponse<N>>;
}

async function connect(values: Record<string, string | boolean | undefined>): Promise<Session> {
  const address = values.engine as string | undefined;
  const passwordFile = values['password-file'] as string | undefined;
  const fingerprintText = values.fingerprint as string | undefined;
  if (!address || !passwordFile || !fingerprintText) {
    throw new UsageError('give --engine HOST:PORT, --password-file F and --fingerprint FP');
  }
  const parsed = parseHostPort(address, DEFAULT_MGMT_PORT);
  if (!parsed.ok) throw new UsageError(`--engine: ${parsed.error}`);
  const target: MgmtTarget = parsed.value;
  const pinned = normalizeFingerprint(fingerprintText);
  const checkFingerprint = (seen: string) => {
    if (normalizeFingerprint(seen) !== pinned) {
      throw new Error(`the engine presents certificate ${seen}, not the one given with --fingerprint; nothing was sent`); // prettier-ignore
    }
  };
  const password = firstLine(passwordFile, 'the password file');
  const login = await callMgmt(target, 'login', { password }, { checkFingerprint });
  const token = login.response.token;
  return {
    call: async (name, body, timeoutMs = 30_000) =>
      (await callMgmt(target, name, body, { checkFingerprint, token, timeoutMs })).response,
  };
}

function parts(text: string | undefined): MgmtBody<'backupRestore'>['parts'] {
  const chosen = new Set((text ?? 'config,history,certificates').split(',').map((p) => p.trim()));
  const known = ['config', 'history', 'certificates', 'admin-password'];
  const unknown = [...chosen].filter((p) => !known.includes(p));
  if (unknown.length) throw new UsageError(`--parts: unknown part ${unknown.join(', ')}; choose from ${known.join(', ')}`); // prettier-ignore
  return {
    config: chosen.has('config'),
    history: chosen.has('history'),
    certificates: chosen.has('certificates'),
    adminPassword: chosen.has('admin-password'),
  };
}

/** Runs the command and returns its exit code. */
export async function backupCommand(argv: string[], io: CliOutput = consoleOutput): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'passphrase-file': { type: 'string' },
        'password-file': { type: 'string' },
        fingerprint: { type: 'string' },
        engine: { type: 'string' },
        output: { type: 'string', short: 'o' },
        parts: { type: 'string' },
        'confirm-within': { type: 'string' },
        'override-reason': { type: 'string' },
        'dry-run': { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.err(`sbc-studio backup: ${(error as Error).message}\n\n${BACKUP_HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...files] = positionals;
  if (values.help || !command) return (io.out(BACKUP_HELP), values.help ? 0 : 2);
  try {
    switch (command) {
      case 'inspect': {
        if (files.length !== 1) throw new UsageError('inspect takes one FILE');
        const summary = summarizeBackup(await open(files[0]!, values['passphrase-file']));
        if (values.json) io.out(JSON.stringify(summary, null, 2));
        else for (const line of describeSummary(files[0]!, summary)) io.out(line);
        return 0;
      }
      case 'diff': {
        if (files.length !== 2) throw new UsageError('diff takes two FILEs');
        const [a, b] = [await open(files[0]!, values['passphrase-file']), await open(files[1]!, values['passphrase-file'])]; // prettier-ignore
        const diff = diffBackups(a, b);
        if (values.json) io.out(JSON.stringify(diff, null, 2));
        else {
          for (const change of diff.config) {
            const shown = change.secret ? '(secret changed)' : `${JSON.stringify(change.before)} → ${JSON.stringify(change.after)}`; // prettier-ignore
            io.out(`config ${change.kind.padEnd(7)} ${change.path}  ${change.kind === 'changed' ? shown : ''}`.trimEnd()); // prettier-ignore
          }
          for (const [kind, list] of Object.entries(diff.certificates)) for (const c of list) io.out(`certificate ${kind} ${c}`); // prettier-ignore
          for (const [kind, list] of Object.entries(diff.trustedCas)) for (const c of list) io.out(`trusted CA ${kind} ${c}`); // prettier-ignore
          if (diff.sipTls) io.out(`SIP TLS certificate ${diff.sipTls.before ?? '(management)'} → ${diff.sipTls.after ?? '(management)'}`); // prettier-ignore
          if (backupDiffIsEmpty(diff)) io.out('no differences in config and certificates');
        }
        return backupDiffIsEmpty(diff) ? 0 : 1;
      }
      case 'export': {
        if (files.length) throw new UsageError('export takes no FILE; use -o FILE');
        const passphraseFile = values['passphrase-file'];
        const passphrase = passphraseFile ? firstLine(passphraseFile, 'the passphrase file') : undefined;
        const session = await connect(values);
        const answer = await session.call('backupExport', passphrase ? { passphrase } : {});
        const file = values.output ?? answer.fileName;
        writeFileSync(file, Buffer.from(answer.archive, 'base64'), { mode: 0o600 });
        if (values.json)
          io.out(JSON.stringify({ file, size: answer.size, summary: answer.summary }, null, 2));
        else for (const line of describeSummary(file, answer.summary)) io.out(line);
        return 0;
      }
      case 'restore': {
        if (files.length !== 1) throw new UsageError('restore takes one FILE');
        const archive = readArchive(files[0]!).toString('base64');
        const passphraseFile = values['passphrase-file'];
        const passphrase = passphraseFile ? firstLine(passphraseFile, 'the passphrase file') : undefined;
        const chosen = parts(values.parts);
        const within = Number(values['confirm-within'] ?? 120);
        if (!Number.isInteger(within) || within < 5 || within > 3600) throw new UsageError('--confirm-within: 5 to 3600 seconds'); // prettier-ignore
        const session = await connect(values);
        const preview = await session.call('backupInspect', {
          archive,
          ...(passphrase ? { passphrase } : {}),
        });
        if (!values.json) {
          for (const line of describeSummary(files[0]!, preview.summary)) io.out(line);
          io.out(`changes to the running config: ${preview.diff.length}`);
          for (const change of preview.diff) io.out(`  ${change.kind.padEnd(7)} ${change.path}`);
          for (const finding of preview.findings)
            io.out(`  lint ${finding.severity} ${finding.path}: ${finding.message}`);
          for (const path of preview.missing.configSecrets) io.out(`  missing secret: ${path}`);
          for (const key of preview.missing.privateKeys)
            io.out(`  missing private key: ${key.label} (${key.id})`);
        }
        if (values['dry-run']) {
          if (values.json) io.out(JSON.stringify(preview, null, 2));
          return 0;
        }
        const etag = (await session.call('configGet', {})).etag;
        const result = await session.call('backupRestore', {
          archive,
          ...(passphrase ? { passphrase } : {}),
          parts: chosen,
          ifMatch: etag,
          ...(chosen.config ? { confirmWithinSeconds: within } : {}),
          ...(values['override-reason'] ? { overrideReason: values['override-reason'] } : {}),
        });
        // Reaching the engine again over its management API is the check the window waits for.
        if (result.config?.pending)
          await session.call('configConfirm', { version: result.config.pending.version });
        if (values.json) io.out(JSON.stringify(result, null, 2));
        else io.out(`restored${result.config ? `: config version ${result.config.version}, confirmed` : ''}${result.certificates ? `; certificates added ${result.certificates.added.length}, replaced ${result.certificates.replaced.length}, skipped ${result.certificates.skipped.length}` : ''}; history versions imported: ${result.historyImported.length}`); // prettier-ignore
        return 0;
      }
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`sbc-studio backup: ${error.message}\n\n${BACKUP_HELP}`);
      return 2;
    }
    if (error instanceof BackupError) {
      io.err(`sbc-studio backup: ${error.message}`);
      return 1;
    }
    if (error instanceof MgmtClientError) {
      io.err(`sbc-studio backup: ${error.message}`);
      return error.detail.kind === 'http' ? 1 : 2;
    }
    throw error;
  }
}
