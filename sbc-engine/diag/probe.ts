// A SIP OPTIONS probe, as an SBC sends keepalives: locate the target (RFC 3263), connect, check the
// TLS peer, send OPTIONS through client transactions and turn what happened into one diagnosis.
import { randomBytes, X509Certificate } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { keyMatches } from '../certs/inspect/key-info.ts';
import { getHeader, getHeaderValues } from '../sip/headers.ts';
import { locateServer } from '../sip/locate/locate.ts';
import type { Destination, DnsResolver, LocateResult } from '../sip/locate/types.ts';
import type { SipResponse } from '../sip/message.ts';
import type { TimerHost } from '../sip/transaction/clock.ts';
import { createDnsResolver, type NodeDnsResolver } from '../transport/dns-resolver.ts';
import { ConnectError, connectTcp, connectTls, connectUdp, type Connection } from './connect.ts';
import { diagnose, worstSeverity, type Diagnosis, type DiagnosisFacts } from './diagnosis.ts';
import { OptionsExchange, type ChannelFailure, type ExchangeOutcome } from './exchange.ts';
import { createNodeTimerHost } from '../transport/node-timer-host.ts';
import { performance } from 'node:perf_hooks';
import { buildOptions } from './options-request.ts';
import { parseTarget, ProbeInputError, type ProbeTarget } from './target.ts';
import { diagnoseConnectFailure, diagnoseHandshake, tlsReport, type HandshakeFacts } from './tls-report.ts';
import type { ProbeAttempt, ProbeDestination, ProbeOptions, ProbeResult, SipAnswer } from './types.ts';

const TIMER_F_MS = 64 * 500;
const CONNECT_TIMEOUT_MS = 10_000;
const MAX_COUNT = 1000;

function hex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

function checkNumber(field: string, value: number | undefined, min: number, max: number): void {
  if (value === undefined) return;
  if (!Number.isFinite(value) || value < min || value > max)
    throw new ProbeInputError(field, `${field} must be between ${min} and ${max}, not ${value}`);
}

function readPems(field: string, pems: string[]): X509Certificate[] {
  return pems.flatMap((pem) => {
    const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
    if (!blocks.length) throw new ProbeInputError(field, `${field}: no PEM certificate found`);
    return blocks.map((block) => {
      try {
        return new X509Certificate(block);
      } catch (error) {
        throw new ProbeInputError(
          field,
          `${field}: a certificate cannot be read (${(error as Error).message})`,
        );
      }
    });
  });
}

function checkClientCertificate(client: { certChain: string; key: string }): void {
  const [leaf] = readPems('cert', [client.certChain]);
  let matches: boolean;
  try {
    matches = keyMatches(leaf!.toString(), client.key);
  } catch (error) {
    throw new ProbeInputError('key', `key: the private key cannot be read (${(error as Error).message})`);
  }
  if (!matches)
    throw new ProbeInputError('key', 'key: the private key does not belong to the client certificate');
}

function describe(destination: Destination): string {
  const host = (h: string) => (h.includes(':') ? `[${h}]` : h);
  const named = destination.hostname !== destination.address;
  return `${destination.transport}:${host(destination.hostname)}:${destination.port}${named ? ` (${destination.address})` : ''}`;
}

function publicDestination(d: Destination): ProbeDestination {
  return { transport: d.transport, address: d.address, port: d.port, hostname: d.hostname };
}

function dnsDiagnosis(located: Extract<LocateResult, { ok: false }>, target: ProbeTarget): Diagnosis {
  const details =
    located.lookups.map((l) => `${l.type} ${l.name}: ${l.result}`).join('; ') || located.error.message;
  const missing = located.lookups.find(
    (l) => (l.type === 'A' || l.type === 'AAAA') && l.result === 'nxdomain',
  );
  switch (located.error.kind) {
    case 'not-found':
      return missing
        ? diagnose('DNS_NXDOMAIN', { host: missing.name })
        : diagnose('DNS_NO_RECORDS', { host: target.host, detail: details });
    case 'service-unavailable':
      return diagnose('DNS_NO_RECORDS', { host: target.host, detail: details });
    case 'invalid-target':
    case 'unsupported-transport':
      throw new ProbeInputError('target', located.error.message);
    default:
      return diagnose('DNS_FAILURE', { host: target.host, detail: details });
  }
}

function answerOf(response: SipResponse, rttMs: number): SipAnswer {
  const server = getHeader(response, 'Server');
  const userAgent = getHeader(response, 'User-Agent');
  return {
    status: response.status,
    reason: response.reason,
    rttMs,
    ...(server !== undefined ? { server } : {}),
    ...(userAgent !== undefined ? { userAgent } : {}),
    allow: getHeaderValues(response, 'Allow'),
    supported: getHeaderValues(response, 'Supported'),
  };
}

function sleep(timers: TimerHost, ms: number): Promise<void> {
  return new Promise((resolve) => timers.start('probeInterval', ms, resolve));
}

/** Runs the probe. Bad options throw ProbeInputError (naming the field); everything else is a result. */
export async function probeOptions(options: ProbeOptions): Promise<ProbeResult> {
  const target = parseTarget(options.target, options.transport);
  const count = options.count ?? 1;
  checkNumber('count', count, 1, MAX_COUNT);
  if (!Number.isInteger(count))
    throw new ProbeInputError('count', `count must be a whole number, not ${count}`);
  checkNumber('interval', options.intervalMs, 0, 3_600_000);
  checkNumber('timeout', options.timeoutMs, 1, 3_600_000);
  checkNumber('slow', options.slowMs, 0, 3_600_000);
  const given = options.caPems ? readPems('ca', options.caPems) : undefined;
  if (options.clientCertificate) checkClientCertificate(options.clientCertificate);

  const timeoutMs = options.timeoutMs ?? TIMER_F_MS;
  const slowMs = options.slowMs ?? 1000;
  const timers = options.timers ?? createNodeTimerHost({ now: () => performance.now(), unref: false });
  const now = options.now ?? (() => new Date());
  const ownResolver: NodeDnsResolver | undefined =
    options.dns && 'servers' in options.dns
      ? createDnsResolver({ servers: options.dns.servers })
      : options.dns
        ? undefined
        : createDnsResolver();
  const resolver: DnsResolver = ownResolver ?? (options.dns as DnsResolver);

  const base = {
    target: options.target,
    requestUri: target.requestUri,
    alternatives: [] as ProbeDestination[],
  };
  let located: LocateResult;
  try {
    located = await locateServer(target.locate, resolver, {
      random: options.random ?? Math.random,
      ...(options.transport ? { transports: [options.transport] } : {}),
    });
  } finally {
    // Every query has been answered; an idle c-ares channel must not keep the process alive.
    ownResolver?.cancel();
  }
  if (!located.ok) {
    const diagnosis = dnsDiagnosis(located, target);
    const transport = options.transport ?? (target.locate.secure ? 'tls' : 'udp');
    return { ...base, transport, attempts: [], diagnosis, severity: diagnosis.severity };
  }
  const [destination, ...others] = located.destinations as [Destination, ...Destination[]];
  const where = describe(destination);
  const facts: DiagnosisFacts = { where, host: target.host, timeoutMs };
  const result: ProbeResult = {
    ...base,
    transport: destination.transport,
    destination: publicDestination(destination),
    alternatives: others.map(publicDestination),
    attempts: [],
    diagnosis: diagnose('OK', facts),
    severity: 'ok',
  };

  // Events of the connection go to whichever exchange is running; a break between two is kept.
  let current: OptionsExchange | undefined;
  let broken: ChannelFailure | undefined;
  const events = {
    response: (response: SipResponse) => current?.receive(response),
    failure: (failure: ChannelFailure) => {
      if (current && !current.finished) current.fail(failure);
      else broken ??= failure;
    },
  };
  const connectTimeout = Math.min(timeoutMs, CONNECT_TIMEOUT_MS);
  let connection: Connection;
  try {
    if (destination.transport === 'udp') connection = await connectUdp(destination, events);
    else if (destination.transport === 'tcp')
      connection = await connectTcp(destination, connectTimeout, events);
    else
      connection = await connectTls(
        destination,
        {
          serverName: target.host,
          policy: {
            nameCheck: options.nameCheck ?? 'wildcard',
            ...(options.caPems ? { trustedCAs: options.caPems } : {}),
            ...(options.clientCertificate ?? {}),
          },
        },
        connectTimeout,
        events,
      );
  } catch (error) {
    const code = error instanceof ConnectError ? error.code : undefined;
    const diagnosis = diagnoseConnectFailure(
      code,
      (error as Error).message,
      destination.transport,
      false,
      facts,
    );
    return { ...result, diagnosis, severity: diagnosis.severity };
  }
  result.local = connection.local;

  try {
    if (connection.tls) {
      const socket = connection.tls;
      const chain: X509Certificate[] = [];
      for (let cert = socket.getPeerCertificate(true); cert?.raw && chain.length < 10;) {
        chain.push(new X509Certificate(cert.raw));
        if (!cert.issuerCertificate || cert.issuerCertificate === cert) break;
        cert = cert.issuerCertificate;
      }
      const handshake: HandshakeFacts = {
        version: socket.getProtocol(),
        cipher: socket.getCipher()?.standardName ?? null,
        chain,
        ...(socket.authorized ? {} : { authorizationError: String(socket.authorizationError) }),
        trusted: given ?? rootCertificates.map((pem) => new X509Certificate(pem)),
        trustSource: given ? 'given' : 'public-roots',
        host: target.host,
        nameCheck: options.nameCheck ?? 'wildcard',
        clientCertificate: options.clientCertificate !== undefined,
        now: now(),
      };
      result.tls = tlsReport(handshake);
      // An SBC does not talk SIP to a peer it cannot trust; neither does the probe.
      const refused = diagnoseHandshake(handshake, where);
      if (refused) return { ...result, diagnosis: refused, severity: refused.severity };
    }

    const intervalMs = options.intervalMs ?? 1000;
    for (let sequence = 1; sequence <= count; sequence++) {
      if (sequence > 1 && intervalMs > 0) await sleep(timers, intervalMs);
      const request = buildOptions({
        requestUri: target.requestUri,
        transport: destination.transport,
        local: connection.local,
        ...(options.contactHost ? { contactHost: options.contactHost } : {}),
        ...(options.contactPort ? { contactPort: options.contactPort } : {}),
        secure: target.uri.scheme === 'sips',
        userAgent: options.userAgent ?? 'SBC Studio probe',
        // Each keepalive is its own request outside a dialog: new Call-ID and tag (RFC 3261 §8.1.1).
        callId: `${hex(8)}@${options.contactHost ?? connection.local.address}`,
        fromTag: hex(4),
        branch: hex(8),
        cseq: sequence,
      });
      current = new OptionsExchange(request, connection.channel, { timers, deadlineMs: timeoutMs });
      const pending = current.run();
      if (broken) current.fail(broken);
      const outcome = await pending;
      result.attempts.push(attemptOf(sequence, outcome, destination.transport, slowMs, facts));
      if (outcome.kind === 'failure') break;
    }
  } finally {
    connection.close();
  }

  const answered = result.attempts.flatMap((a) => (a.answer ? [a.answer] : []));
  if (answered.length) {
    result.answer = answered.at(-1)!;
    const rtts = answered.map((a) => a.rttMs);
    result.rtt = {
      min: Math.min(...rtts),
      avg: Math.round(rtts.reduce((sum, r) => sum + r, 0) / rtts.length),
      max: Math.max(...rtts),
    };
  }
  const severity = worstSeverity(result.attempts.map((a) => a.diagnosis.severity));
  result.diagnosis = result.attempts.find((a) => a.diagnosis.severity === severity)!.diagnosis;
  result.severity = severity;
  return result;
}

function attemptOf(
  sequence: number,
  outcome: ExchangeOutcome,
  transport: Destination['transport'],
  slowMs: number,
  facts: DiagnosisFacts,
): ProbeAttempt {
  if (outcome.kind === 'timeout')
    return {
      sequence,
      sends: outcome.sends,
      diagnosis: diagnose(transport === 'udp' ? 'UDP_NO_ANSWER' : 'NO_ANSWER', facts),
    };
  if (outcome.kind === 'failure') {
    const { code, detail } = outcome.failure;
    return {
      sequence,
      sends: outcome.sends,
      diagnosis: diagnoseConnectFailure(code, detail, transport, true, facts),
    };
  }
  const answer = answerOf(outcome.response, outcome.rttMs);
  const said = { ...facts, status: answer.status, reason: answer.reason, rttMs: answer.rttMs, slowMs };
  const diagnosis =
    answer.status >= 300
      ? diagnose('SIP_ERROR_RESPONSE', said)
      : answer.rttMs > slowMs
        ? diagnose('SLOW', said)
        : diagnose('OK', said);
  return { sequence, sends: outcome.sends, answer, diagnosis };
}
