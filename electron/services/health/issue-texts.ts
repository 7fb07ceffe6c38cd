// The cause and fix of every health issue, in plain words. Probe verdicts keep the sentence the
// diagnosis library wrote (sbc-engine/diag/diagnosis.ts); this table adds what to change.
import { diagnose, type DiagnosisCode } from '../../../sbc-engine/diag/diagnosis.ts';
import type { HealthIssue } from '../../api/health-views.ts';

const CHECK_PEER =
  'Check that the peer runs and listens on that address, port and transport, and that every firewall between the SBC and the peer lets SIP through both ways.';
const CHECK_DNS = "Check the target's name and the DNS servers the SBC uses (system.dnsServers).";
const CHECK_PORT = "Check the target's port and transport, and that the peer's SIP service is started.";

/** What to change after a probe verdict; the cause is the probe's own sentence. */
export const PROBE_FIXES: Record<DiagnosisCode, string> = {
  OK: 'Nothing to do.',
  SLOW: "Check the network path and the peer's load: a slow answer delays every call set-up.",
  SIP_ERROR_RESPONSE:
    "Let the peer accept OPTIONS from this SBC: put the SBC's public address on its allowlist, or check the credentials it expects.",
  UDP_NO_ANSWER: CHECK_PEER,
  NO_ANSWER: CHECK_PEER,
  CONNECT_TIMEOUT: CHECK_PEER,
  CONNECTION_CLOSED:
    "The peer hung up before answering: check that it accepts this SBC's address and, over TLS, its certificate.",
  UDP_UNREACHABLE: CHECK_PORT,
  TCP_REFUSED: CHECK_PORT,
  NETWORK_UNREACHABLE: "Check the SBC's network interfaces and default gateway.",
  TRANSPORT_ERROR: "Check the SBC's network settings and the target's address.",
  DNS_NXDOMAIN: CHECK_DNS,
  DNS_NO_RECORDS: CHECK_DNS,
  DNS_FAILURE: CHECK_DNS,
  TLS_NOT_SPOKEN:
    'Use the port on which the peer offers SIP over TLS (5061 for Teams), or change the transport.',
  TLS_VERSION_MISMATCH: 'The peer must offer TLS 1.2 or later (Teams requires it).',
  TLS_HANDSHAKE_REJECTED:
    "Give this connection's TLS profile an own certificate the peer trusts: for Teams one from a public CA that names the SBC FQDN, sent with its intermediate.",
  TLS_UNKNOWN_CA:
    "Add the CA named above to the trusted CAs of this connection's TLS profile (for Teams: the bundled DigiCert Global Root G2).",
  TLS_CHAIN_INCOMPLETE:
    "Ask the peer's administrator to send the intermediate certificate, or add that issuer to this connection's trusted CAs.",
  TLS_EXPIRED: "The certificate's owner must renew it; until then TLS to this peer fails.",
  TLS_NOT_YET_VALID: 'Check the clocks of the SBC and the peer (NTP).',
  TLS_NAME_MISMATCH:
    "Address the peer by a name its certificate carries, or pick the name check the peer needs in the connection's TLS profile.",
  TLS_CERT_INVALID: "Ask the peer's administrator for a valid certificate chain.",
};

function seconds(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 120 ? `${Math.floor(s / 60)} min` : `${s} s`;
}

export function optionsMissed(target: string, silenceMs: number, error: string | null): HealthIssue {
  const since = seconds(silenceMs);
  return {
    code: 'OPTIONS_MISSED',
    severity: 'warning',
    subject: target,
    cause: `${target} did not answer the last OPTIONS${error ? ` (${error})` : ''}; its last answer came ${since} ago.`,
    fix: CHECK_PEER,
    values: { target, since, detail: error ? ` (${error})` : '' },
  };
}

export function optionsDown(target: string, silenceMs: number, error: string | null): HealthIssue {
  const since = seconds(silenceMs);
  return {
    code: 'OPTIONS_DOWN',
    severity: 'critical',
    subject: target,
    cause: `${target} has not answered OPTIONS for ${since}${error ? ` (${error})` : ''}. Teams treats a peer without OPTIONS for 3 minutes as inactive.`,
    fix: CHECK_PEER,
    values: { target, since, detail: error ? ` (${error})` : '' },
  };
}

export function optionsRefusing(target: string): HealthIssue {
  return {
    code: 'OPTIONS_REFUSING',
    severity: 'warning',
    subject: target,
    cause: `${target} answers 503 Service Unavailable: it is alive but takes no calls now.`,
    fix: "Check the peer's load and call limit; meanwhile calls go to the next target.",
    values: { target },
  };
}

// RFC 3261 §21: the engine reports the code only; the phrase makes the sentence readable.
const REASONS: Record<number, string> = {
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  407: 'Proxy Authentication Required',
  408: 'Request Timeout',
  480: 'Temporarily Unavailable',
  488: 'Not Acceptable Here',
  500: 'Server Internal Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  504: 'Server Time-out',
  603: 'Decline',
};

export function optionsErrorResponse(target: string, status: number): HealthIssue {
  const reason = REASONS[status];
  const { message } = diagnose('SIP_ERROR_RESPONSE', { where: target, status, reason: reason ?? '' });
  return {
    code: 'OPTIONS_ERROR_RESPONSE',
    severity: 'warning',
    subject: target,
    cause: reason ? message : message.replace(`${status} `, `${status}`),
    fix: PROBE_FIXES.SIP_ERROR_RESPONSE,
    values: { target, status },
  };
}

export function optionsSlow(target: string, rttMs: number, slowMs: number): HealthIssue {
  const { message } = diagnose('SLOW', { where: target, status: 200, reason: 'OK', rttMs, slowMs });
  return {
    code: 'OPTIONS_SLOW',
    severity: 'warning',
    subject: target,
    cause: message,
    fix: PROBE_FIXES.SLOW,
    values: { target, rttMs, slowMs },
  };
}

export function optionsDisabled(): HealthIssue {
  return {
    code: 'OPTIONS_DISABLED',
    severity: 'warning',
    cause: 'OPTIONS keepalive is off for this connection, so nobody notices when the peer goes away.',
    fix: 'Turn on options.enabled for this connection (Teams requires OPTIONS at least every 60 s).',
    values: {},
  };
}

const REGISTRATION_FIXES: Record<string, string> = {
  credentials: 'Check the user, authentication user and password of the registration with the provider.',
  rejected: 'Ask the provider why it refuses this registration (number, domain, contract).',
  timeout: "Check the registrar's address and that firewalls let SIP through both ways.",
  transport: "Check the registrar's address, port and transport.",
};

export function registrationFailed(
  registrar: string,
  reason: string | null,
  detail: string | null,
): HealthIssue {
  return {
    code: 'REGISTRATION_FAILED',
    severity: 'critical',
    subject: registrar,
    cause: detail ?? `The registration at ${registrar} failed${reason ? ` (${reason})` : ''}.`,
    fix: REGISTRATION_FIXES[reason ?? ''] ?? REGISTRATION_FIXES.transport!,
    values: { registrar, reason: reason ?? '', detail: detail ?? '' },
  };
}

export function ownCertificate(label: string, daysLeft: number): HealthIssue {
  const days = Math.floor(daysLeft);
  if (days < 0) {
    return {
      code: 'CERT_EXPIRED',
      severity: 'critical',
      subject: label,
      cause: `The SBC's certificate "${label}" has expired: peers refuse its TLS connections.`,
      fix: 'Import a renewed certificate on the Certificates page and use it for SIP TLS.',
      values: { label, days },
    };
  }
  return {
    code: 'CERT_EXPIRING',
    severity: 'warning',
    subject: label,
    cause: `The SBC's certificate "${label}" expires in ${days} days.`,
    fix: 'Request a renewed certificate on the Certificates page and import it before the old one expires.',
    values: { label, days },
  };
}

export function peerCertificate(target: string, daysLeft: number): HealthIssue {
  const days = Math.floor(daysLeft);
  return {
    code: 'PEER_CERT_EXPIRING',
    severity: 'warning',
    subject: target,
    cause: `The certificate of ${target} expires in ${days} days.`,
    fix: "Tell the peer's administrator: once it expires, TLS to this peer fails.",
    values: { target, days },
  };
}

export function probeVerdict(
  target: string,
  code: DiagnosisCode,
  severity: 'warning' | 'critical',
  message: string,
): HealthIssue {
  return {
    code: `PROBE_${code}`,
    severity,
    subject: target,
    cause: message,
    fix: PROBE_FIXES[code],
    values: { target, message, diagnosis: code },
  };
}

export function callsAtLimit(refused: number, limit: number | null): HealthIssue {
  return {
    code: 'CALLS_AT_LIMIT',
    severity: 'warning',
    cause: `The connection answered ${refused} OPTIONS with 503 since the last check: it was at its limit of ${limit ?? '?'} concurrent calls.`,
    fix: 'Raise maxConcurrentCalls if the line and the licence allow more calls.',
    values: { refused, limit: limit ?? '' },
  };
}

export function engineUnreachable(message: string): HealthIssue {
  return {
    code: 'ENGINE_UNREACHABLE',
    severity: 'critical',
    cause: `SBC Studio cannot read this engine's status: ${message}`,
    fix: 'Check that the engine runs and that you are logged in to it (Engines page).',
    values: { message },
  };
}
