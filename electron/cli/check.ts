// `sbc-studio check TARGET`: a SIP OPTIONS probe from this workstation, with TLS and certificate
// diagnosis. Exit codes follow the Nagios plugin rules, so monitoring systems can run it as is:
// 0 OK, 1 warning, 2 critical, 3 unknown (bad arguments).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { NameCheck } from '../../sbc-engine/certs/name-match.ts';
import {
  isTransport,
  probeOptions,
  ProbeInputError,
  type ProbeOptions,
  type ProbeResult,
  type Severity,
} from '../../sbc-engine/diag/index.ts';
import type { SipTransport } from '../../sbc-engine/sip/locate/types.ts';
import { parseUri } from '../../sbc-engine/sip/uri.ts';
import { consoleOutput, type CliOutput } from './output.ts';

export const CHECK_HELP = `Usage: sbc-studio check TARGET [options]

  Sends SIP OPTIONS to TARGET, as an SBC's keepalive, and says whether and how it answers.
  TARGET: sip:host[:port][;transport=udp|tcp|tls], sips:host[:port], or host[:port]
  (without a port, RFC 3263: NAPTR, SRV, then A/AAAA).

Options:
  --transport T          udp | tcp | tls (default: from the URI or DNS; UDP for host:port)
  --count N              send N OPTIONS, one after another (default 1)
  --interval S           seconds between them (default 1)
  --timeout S            seconds to wait for each answer (default 32, as RFC 3261 Timer F)
  --slow MS              an answer slower than this is a warning (default 1000)
  --ca FILE              trusted CA certificates in PEM, repeatable (default: the public roots)
  --cert FILE --key FILE client certificate chain and key in PEM, for mutual TLS
  --name-check MODE      exact | wildcard | rfc5922 (default wildcard)
  --contact-host FQDN    the SBC FQDN to put in Contact and From (default: this machine's address)
  --dns SERVER           DNS server to ask, repeatable (default: the system's)
  --json                 machine-readable output
Exit code: 0 OK (2xx), 1 warning (another final response, or slow), 2 critical (no answer,
transport, TLS or DNS failure), 3 unknown (bad arguments).`;

const EXIT: Record<Severity, number> = { ok: 0, warning: 1, critical: 2 };
const LABEL: Record<Severity, string> = { ok: 'OK', warning: 'WARNING', critical: 'CRITICAL' };
const NAME_CHECKS = new Set<string>(['exact', 'wildcard', 'rfc5922']);

/** A bad argument: exit 3 with a message that names it. */
class UsageError extends Error {}

function number(name: string, text: string | undefined, kind: string, min = 0): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  const whole = kind === 'count';
  if (text.trim() === '' || !Number.isFinite(value) || value < min || (whole && !Number.isInteger(value)))
    throw new UsageError(
      `--${name}: "${text}" is not ${whole ? 'a whole number' : `a number of ${kind}`} of at least ${min}`,
    );
  return value;
}

function readText(option: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`--${option} ${path}: ${(error as NodeJS.ErrnoException).code ?? 'cannot be read'}`);
  }
}

function readCa(path: string): string {
  const text = readText('ca', path);
  if (!text.includes('-----BEGIN CERTIFICATE-----'))
    throw new UsageError(`--ca ${path}: holds no PEM certificate (BEGIN CERTIFICATE)`);
  return text;
}

function optionsFrom(argv: string[], version: string): { probe: ProbeOptions; json: boolean } | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        transport: { type: 'string' },
        count: { type: 'string' },
        interval: { type: 'string' },
        timeout: { type: 'string' },
        slow: { type: 'string' },
        ca: { type: 'string', multiple: true },
        cert: { type: 'string' },
        key: { type: 'string' },
        'name-check': { type: 'string' },
        'contact-host': { type: 'string' },
        dns: { type: 'string', multiple: true },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (positionals.length !== 1)
    throw new UsageError(
      positionals.length ? `give one TARGET, not ${positionals.length}` : 'TARGET is missing',
    );
  const transportText = values.transport?.toLowerCase();
  if (transportText !== undefined && !isTransport(transportText))
    throw new UsageError(`--transport: "${values.transport}" is not udp, tcp or tls`);
  const transport = transportText as SipTransport | undefined;
  if (values['name-check'] !== undefined && !NAME_CHECKS.has(values['name-check']))
    throw new UsageError(`--name-check: "${values['name-check']}" is not exact, wildcard or rfc5922`);
  if ((values.cert === undefined) !== (values.key === undefined))
    throw new UsageError(
      values.cert ? '--key is missing: --cert needs its --key' : '--cert is missing: --key needs its --cert',
    );
  const count = number('count', values.count, 'count', 1);
  const timeout = number('timeout', values.timeout, 'seconds', 0.001);
  const interval = number('interval', values.interval, 'seconds');
  const slow = number('slow', values.slow, 'milliseconds');
  let contact: { host: string; port?: number } | undefined;
  if (values['contact-host'] !== undefined) {
    const uri = parseUri(`sip:${values['contact-host']}`);
    if (!uri.ok || !('host' in uri.value) || uri.value.user !== undefined || uri.value.params.length)
      throw new UsageError(`--contact-host: "${values['contact-host']}" is not a host name`);
    contact = { host: uri.value.host, ...(uri.value.port !== undefined ? { port: uri.value.port } : {}) };
  }
  const probe: ProbeOptions = {
    target: positionals[0]!,
    ...(transport ? { transport } : {}),
    ...(count !== undefined ? { count } : {}),
    ...(interval !== undefined ? { intervalMs: interval * 1000 } : {}),
    ...(timeout !== undefined ? { timeoutMs: timeout * 1000 } : {}),
    ...(slow !== undefined ? { slowMs: slow } : {}),
    ...(values.ca ? { caPems: values.ca.map(readCa) } : {}),
    ...(values.cert && values.key
      ? { clientCertificate: { certChain: readText('cert', values.cert), key: readText('key', values.key) } }
      : {}),
    ...(values['name-check'] ? { nameCheck: values['name-check'] as NameCheck } : {}),
    ...(contact ? { contactHost: contact.host, ...(contact.port ? { contactPort: contact.port } : {}) } : {}),
    ...(values.dns ? { dns: { servers: values.dns } } : {}),
    userAgent: `SBC Studio ${version}`,
  };
  return { probe, json: values.json ?? false };
}

function report(result: ProbeResult, slowMs: number): string[] {
  const { diagnosis, answer } = result;
  const perf = answer ? ` | rtt=${answer.rttMs}ms;${slowMs}` : '';
  const lines = [`SIP ${LABEL[result.severity]} - ${diagnosis.code}: ${diagnosis.message}${perf}`, ''];
  lines.push(`  request     OPTIONS ${result.requestUri}`);
  if (result.destination) {
    const d = result.destination;
    lines.push(
      `  to          ${d.transport} ${d.address}:${d.port}${d.hostname !== d.address ? ` (${d.hostname})` : ''}`,
    );
  }
  if (result.alternatives.length)
    lines.push(
      `  also        ${result.alternatives.map((d) => `${d.transport} ${d.address}:${d.port}`).join(', ')} (not probed)`,
    );
  if (result.local) lines.push(`  from        ${result.local.address}:${result.local.port}`);
  const answered = result.attempts.filter((a) => a.answer).length;
  if (result.attempts.length > 1 || answered)
    lines.push(
      `  answers     ${answered} of ${result.attempts.length}${result.rtt ? `, round trip min/avg/max ${result.rtt.min}/${result.rtt.avg}/${result.rtt.max} ms` : ''}`,
    );
  if (answer) {
    lines.push(`  response    ${answer.status} ${answer.reason}`);
    if (answer.server) lines.push(`  server      ${answer.server}`);
    if (answer.userAgent) lines.push(`  user-agent  ${answer.userAgent}`);
    if (answer.allow.length) lines.push(`  allow       ${answer.allow.join(', ')}`);
    if (answer.supported.length) lines.push(`  supported   ${answer.supported.join(', ')}`);
  }
  for (const attempt of result.attempts.length > 1 ? result.attempts : [])
    lines.push(
      `  #${attempt.sequence}          ${attempt.diagnosis.code}${attempt.answer ? ` ${attempt.answer.status} in ${attempt.answer.rttMs} ms` : ''} (sent ${attempt.sends}x)`,
    );
  const tls = result.tls;
  if (tls) {
    const trust =
      tls.trust.source === 'given'
        ? `${tls.trust.certificates} CA certificate(s) from --ca`
        : 'the public roots';
    lines.push(
      '',
      `TLS ${tls.version ?? '?'} ${tls.cipher ?? ''}, client certificate ${tls.clientCertificate ? 'offered' : 'none'}`,
    );
    lines.push(`  trust       ${trust}: ${tls.verified ? 'verified' : `NOT verified (${tls.verifyError})`}`);
    lines.push(
      `  name check  ${tls.nameCheck.mode} for ${tls.nameCheck.host}: ${tls.nameCheck.ok ? 'ok' : tls.nameCheck.problem}`,
    );
    lines.push('  chain, leaf first:');
    tls.chain.forEach((cert, index) => {
      const names = [
        ...cert.subjectAltNames.dns.map((n) => `DNS:${n}`),
        ...cert.subjectAltNames.ip.map((n) => `IP:${n}`),
      ];
      const left = cert.daysLeft < 0 ? `expired ${-cert.daysLeft} days ago` : `${cert.daysLeft} days left`;
      lines.push(
        `  [${index + 1}] ${cert.subject}${cert.inTrustStore ? ' (trusted CA)' : ''}`,
        `      issuer      ${cert.issuer}`,
        ...(names.length ? [`      names       ${names.join(', ')}`] : []),
        `      valid       ${cert.notBefore} to ${cert.notAfter} (${left})`,
        `      key         ${cert.key.type} ${cert.key.curve ?? `${cert.key.bits} bits`}`,
        `      SHA-256     ${cert.sha256Fingerprint}`,
        `      SHA-1       ${cert.sha1Fingerprint}`,
      );
    });
  }
  return lines;
}

/** Runs the command and returns its exit code. */
export async function checkCommand(argv: string[], io: CliOutput = consoleOutput): Promise<number> {
  const { version } = (await import('../../package.json', { with: { type: 'json' } })).default;
  const json = argv.includes('--json');
  const unknown = (message: string) => {
    if (json) io.out(JSON.stringify({ status: 'UNKNOWN', exitCode: 3, error: message }, null, 2));
    io.err(`sbc-studio check: ${message}\n\n${CHECK_HELP}`);
    return 3;
  };
  let parsed: ReturnType<typeof optionsFrom>;
  try {
    parsed = optionsFrom(argv, version);
  } catch (error) {
    if (error instanceof UsageError) return unknown(error.message);
    throw error;
  }
  if (parsed === 'help') return (io.out(CHECK_HELP), 0);
  let result: ProbeResult;
  try {
    result = await probeOptions(parsed.probe);
  } catch (error) {
    if (error instanceof ProbeInputError) {
      const option = error.field === 'target' ? 'TARGET' : `--${error.field}`;
      return unknown(`${option}: ${error.message.replace(new RegExp(`^${error.field}: `), '')}`);
    }
    throw error;
  }
  const exitCode = EXIT[result.severity];
  if (parsed.json) io.out(JSON.stringify({ status: LABEL[result.severity], exitCode, ...result }, null, 2));
  else for (const line of report(result, parsed.probe.slowMs ?? 1000)) io.out(line);
  return exitCode;
}
