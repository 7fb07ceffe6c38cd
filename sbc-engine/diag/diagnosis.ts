// The closed set of verdicts an OPTIONS probe can reach, each with its severity and one plain
// sentence. The UI, the CLI's exit code and the tests key on the code; the sentence is for people.
// DIAGNOSIS.md documents the same table (a unit test keeps the two in step).

export type Severity = 'ok' | 'warning' | 'critical';

/** What a sentence may mention; each code uses the facts it needs. */
export interface DiagnosisFacts {
  /** "udp:192.0.2.1:5060", "tls:sbc.example.com:5061 (127.0.0.1)". */
  where?: string;
  host?: string;
  status?: number;
  reason?: string;
  rttMs?: number;
  slowMs?: number;
  timeoutMs?: number;
  /** The certificate (subject) a TLS sentence is about, or the issuer that is missing. */
  subject?: string;
  issuer?: string;
  date?: string;
  /** The name check's own words (certs/name-match.ts), or the TLS library's. */
  detail?: string;
}

interface Entry {
  severity: Severity;
  sentence(f: DiagnosisFacts): string;
}

function seconds(ms: number | undefined): string {
  return `${Math.round((ms ?? 0) / 100) / 10} s`;
}

function authHint(status: number | undefined): string {
  if (status === 401 || status === 407)
    return ': it is alive but wants credentials, which an OPTIONS keepalive normally does not carry';
  if (status === 403) return ': it is alive but refuses this sender (check its allowlist of addresses)';
  return '';
}

export const DIAGNOSES = {
  OK: {
    severity: 'ok',
    sentence: (f) => `${f.where} answered ${f.status} ${f.reason} in ${f.rttMs} ms.`,
  },
  SLOW: {
    severity: 'warning',
    sentence: (f) =>
      `${f.where} answered ${f.status} ${f.reason}, but took ${f.rttMs} ms, more than the ${f.slowMs} ms allowed.`,
  },
  SIP_ERROR_RESPONSE: {
    severity: 'warning',
    sentence: (f) => `${f.where} answered the OPTIONS with ${f.status} ${f.reason}${authHint(f.status)}.`,
  },
  UDP_NO_ANSWER: {
    severity: 'critical',
    sentence: (f) =>
      `Nothing came back from ${f.where} within ${seconds(f.timeoutMs)} although the OPTIONS was repeated: the peer is down, a firewall drops SIP, or it answers to another address.`,
  },
  NO_ANSWER: {
    severity: 'critical',
    sentence: (f) =>
      `The connection to ${f.where} is up, but no final answer to the OPTIONS came within ${seconds(f.timeoutMs)}.`,
  },
  UDP_UNREACHABLE: {
    severity: 'critical',
    sentence: (f) =>
      `Nothing listens on ${f.where}: the host answered with ICMP "port unreachable" (is SIP on another port or transport?).`,
  },
  CONNECTION_CLOSED: {
    severity: 'critical',
    sentence: (f) => `${f.where} closed the connection without answering the OPTIONS.`,
  },
  TCP_REFUSED: {
    severity: 'critical',
    sentence: (f) =>
      `${f.where} refused the connection: nothing listens on that port (is SIP on another port or transport?).`,
  },
  CONNECT_TIMEOUT: {
    severity: 'critical',
    sentence: (f) =>
      `No connection to ${f.where} within ${seconds(f.timeoutMs)}: the host is down or a firewall drops the packets.`,
  },
  NETWORK_UNREACHABLE: {
    severity: 'critical',
    sentence: (f) => `There is no route from this machine to ${f.where} (${f.detail}).`,
  },
  TRANSPORT_ERROR: {
    severity: 'critical',
    sentence: (f) => `Sending to ${f.where} failed: ${f.detail}.`,
  },
  DNS_NXDOMAIN: {
    severity: 'critical',
    sentence: (f) =>
      `The name ${f.host} does not exist in DNS (NXDOMAIN): check the spelling and the DNS zone.`,
  },
  DNS_NO_RECORDS: {
    severity: 'critical',
    sentence: (f) =>
      `DNS knows ${f.host} but has no SIP or address records that lead to a server (${f.detail}).`,
  },
  DNS_FAILURE: {
    severity: 'critical',
    sentence: (f) => `DNS could not answer for ${f.host}: the queries timed out or failed (${f.detail}).`,
  },
  TLS_NOT_SPOKEN: {
    severity: 'critical',
    sentence: (f) =>
      `${f.where} does not speak TLS on that port: it answered with something else (plain SIP over TCP?).`,
  },
  TLS_VERSION_MISMATCH: {
    severity: 'critical',
    sentence: (f) => `${f.where} and this machine share no TLS version (TLS 1.2 or later is required here).`,
  },
  TLS_HANDSHAKE_REJECTED: {
    severity: 'critical',
    sentence: (f) =>
      `${f.where} ended the TLS handshake after seeing our client certificate, or the lack of one (${f.detail}): it wants a client certificate it trusts.`,
  },
  TLS_UNKNOWN_CA: {
    severity: 'critical',
    sentence: (f) =>
      `${f.issuer} is not in this connection's trusted CAs, so the certificate of ${f.where} is not trusted.`,
  },
  TLS_CHAIN_INCOMPLETE: {
    severity: 'critical',
    sentence: (f) =>
      `${f.where} sent only its own certificate; its issuer ${f.issuer} is neither sent by the peer nor among the trusted CAs: the peer must send its intermediate certificate.`,
  },
  TLS_EXPIRED: {
    severity: 'critical',
    sentence: (f) => `The certificate ${f.subject} of ${f.where} expired on ${f.date}.`,
  },
  TLS_NOT_YET_VALID: {
    severity: 'critical',
    sentence: (f) =>
      `The certificate ${f.subject} of ${f.where} is valid only from ${f.date} (or a clock is wrong).`,
  },
  TLS_NAME_MISMATCH: {
    severity: 'critical',
    sentence: (f) => `The certificate of ${f.where} does not name ${f.host}: ${f.detail}.`,
  },
  TLS_CERT_INVALID: {
    severity: 'critical',
    sentence: (f) => `The certificate chain of ${f.where} failed verification: ${f.detail}.`,
  },
} as const satisfies Record<string, Entry>;

export type DiagnosisCode = keyof typeof DIAGNOSES;

export const DIAGNOSIS_CODES = Object.keys(DIAGNOSES) as DiagnosisCode[];

export interface Diagnosis {
  code: DiagnosisCode;
  severity: Severity;
  message: string;
}

export function diagnose(code: DiagnosisCode, facts: DiagnosisFacts): Diagnosis {
  const entry: Entry = DIAGNOSES[code];
  return { code, severity: entry.severity, message: entry.sentence(facts) };
}

const RANK: Record<Severity, number> = { ok: 0, warning: 1, critical: 2 };

/** The worse of several verdicts (for --count N, the run is as bad as its worst attempt). */
export function worstSeverity(severities: readonly Severity[]): Severity {
  return severities.reduce<Severity>((worst, s) => (RANK[s] > RANK[worst] ? s : worst), 'ok');
}
