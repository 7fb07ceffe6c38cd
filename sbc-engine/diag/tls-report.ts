// What a TLS handshake showed about a peer, and which diagnosis follows. Pure: it works on the
// certificates and the verification result the socket reported, so a test can feed it any chain.
import type { X509Certificate } from 'node:crypto';
import { summarizeCertificate } from '../certs/inspect/summary.ts';
import { commonNameOf, isSelfSigned, oneLineName, parseAltNames } from '../certs/inspect/summary.ts';
import type { CertificateSummary } from '../certs/inspect/types.ts';
import { checkCertificateName, namesFromAltNames, type NameCheck } from '../certs/name-match.ts';
import { ipFamily } from '../sip/locate/target.ts';
import { diagnose, type Diagnosis, type DiagnosisFacts } from './diagnosis.ts';

export interface PeerCertificateSummary extends CertificateSummary {
  /** The certificate is one of the CAs this probe trusts (the peer may have sent it, too). */
  inTrustStore: boolean;
}

export interface TlsReport {
  /** "TLSv1.3"; null when the handshake did not finish. */
  version: string | null;
  /** IANA (standard) cipher suite name. */
  cipher: string | null;
  /** The peer's chain, leaf first, as far as the handshake delivered it. */
  chain: PeerCertificateSummary[];
  trust: { source: 'given' | 'public-roots'; certificates: number };
  /** The chain verified against the trust above (OpenSSL's verdict). */
  verified: boolean;
  /** OpenSSL's verification error code when not verified (CERT_HAS_EXPIRED ...). */
  verifyError?: string;
  nameCheck: { mode: NameCheck; host: string; ok: boolean; problem?: string };
  /** Whether a client certificate was offered (mutual TLS). */
  clientCertificate: boolean;
}

export interface HandshakeFacts {
  version: string | null;
  cipher: string | null;
  chain: X509Certificate[];
  authorizationError?: string;
  trusted: readonly X509Certificate[];
  trustSource: 'given' | 'public-roots';
  host: string;
  nameCheck: NameCheck;
  clientCertificate: boolean;
  now: Date;
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The name check (certs/name-match.ts); an IP address target must be among the IP SANs. */
export function checkPeerName(leaf: X509Certificate, host: string, mode: NameCheck): string | null {
  if (ipFamily(host) !== undefined) {
    const ips = parseAltNames(leaf.subjectAltName).ip.map((ip) => ip.toLowerCase());
    return ips.includes(host.toLowerCase())
      ? null
      : `the certificate lists ${ips.length ? `the addresses ${ips.join(', ')}` : 'no IP address'}, not ${host}`;
  }
  return checkCertificateName(namesFromAltNames(leaf.subjectAltName, commonNameOf(leaf.subject)), host, mode);
}

export function tlsReport(facts: HandshakeFacts): TlsReport {
  const trustedPrints = new Set(facts.trusted.map((c) => c.fingerprint256));
  const leaf = facts.chain[0];
  const nameProblem = leaf
    ? checkPeerName(leaf, facts.host, facts.nameCheck)
    : 'the peer sent no certificate';
  return {
    version: facts.version,
    cipher: facts.cipher,
    chain: facts.chain.map((cert) => ({
      ...summarizeCertificate(cert, facts.now),
      inTrustStore: trustedPrints.has(cert.fingerprint256),
    })),
    trust: { source: facts.trustSource, certificates: facts.trusted.length },
    verified: facts.authorizationError === undefined,
    ...(facts.authorizationError !== undefined ? { verifyError: facts.authorizationError } : {}),
    nameCheck: {
      mode: facts.nameCheck,
      host: facts.host,
      ok: nameProblem === null,
      ...(nameProblem !== null ? { problem: nameProblem } : {}),
    },
    clientCertificate: facts.clientCertificate,
  };
}

/**
 * The verdict on a finished handshake, or null when the peer is trusted and named right. OpenSSL
 * reports the first problem it meets; the chain tells which certificate it is about.
 */
export function diagnoseHandshake(facts: HandshakeFacts, where: string): Diagnosis | null {
  const base: DiagnosisFacts = { where, host: facts.host };
  const chain = facts.chain;
  const leaf = chain[0];
  const error = facts.authorizationError;
  if (!leaf) return diagnose('TLS_CERT_INVALID', { ...base, detail: 'the peer sent no certificate' });
  if (error === undefined) {
    const problem = checkPeerName(leaf, facts.host, facts.nameCheck);
    return problem
      ? diagnose('TLS_NAME_MISMATCH', { ...base, detail: `${problem} (${facts.nameCheck} check)` })
      : null;
  }
  switch (error) {
    case 'CERT_HAS_EXPIRED': {
      const cert = chain.find((c) => c.validToDate < facts.now) ?? leaf;
      return diagnose('TLS_EXPIRED', {
        ...base,
        subject: oneLineName(cert.subject),
        date: day(cert.validToDate),
      });
    }
    case 'CERT_NOT_YET_VALID': {
      const cert = chain.find((c) => c.validFromDate > facts.now) ?? leaf;
      return diagnose('TLS_NOT_YET_VALID', {
        ...base,
        subject: oneLineName(cert.subject),
        date: day(cert.validFromDate),
      });
    }
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT': {
      const last = chain.at(-1)!;
      // Only the leaf arrived and it is not its own issuer: the intermediate was not sent.
      if (chain.length === 1 && !isSelfSigned(last))
        return diagnose('TLS_CHAIN_INCOMPLETE', { ...base, issuer: oneLineName(last.issuer) });
      const untrusted = isSelfSigned(last) ? last.subject : last.issuer;
      return diagnose('TLS_UNKNOWN_CA', { ...base, issuer: oneLineName(untrusted) });
    }
    default:
      return diagnose('TLS_CERT_INVALID', { ...base, detail: `OpenSSL reports ${error}` });
  }
}

/** A handshake (or the connection under it) that failed before a SIP answer: which code fits. */
export function diagnoseConnectFailure(
  code: string | undefined,
  detail: string,
  transport: 'udp' | 'tcp' | 'tls',
  handshakeDone: boolean,
  facts: DiagnosisFacts,
): Diagnosis {
  const base = { ...facts, detail };
  switch (code) {
    case 'ECONNREFUSED':
      return diagnose(transport === 'udp' ? 'UDP_UNREACHABLE' : 'TCP_REFUSED', base);
    case 'ETIMEDOUT':
    case 'ETIMEOUT':
      return diagnose('CONNECT_TIMEOUT', base);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EADDRNOTAVAIL':
      return diagnose('NETWORK_UNREACHABLE', base);
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
    case 'ERR_SSL_PACKET_LENGTH_TOO_LONG':
    case 'ERR_SSL_HTTP_REQUEST':
      return diagnose('TLS_NOT_SPOKEN', base);
    case 'ERR_SSL_UNSUPPORTED_PROTOCOL':
    case 'ERR_SSL_NO_PROTOCOLS_AVAILABLE':
    case 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION':
      return diagnose('TLS_VERSION_MISMATCH', base);
  }
  if (transport === 'tls' && code?.startsWith('ERR_SSL_') && /ALERT/.test(code))
    return diagnose('TLS_HANDSHAKE_REJECTED', { ...base, detail: alertName(code) });
  if (
    transport === 'tls' &&
    !handshakeDone &&
    (code === 'ECONNRESET' || code === 'EPIPE' || code === 'CLOSED')
  )
    return diagnose('TLS_HANDSHAKE_REJECTED', {
      ...base,
      detail: 'it closed the connection during the handshake',
    });
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'CLOSED')
    return diagnose('CONNECTION_CLOSED', base);
  return diagnose('TRANSPORT_ERROR', base);
}

/** "ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED" → "TLS alert: certificate required". */
export function alertName(code: string): string {
  const alert = code
    .replace(/^ERR_SSL_(SSLV3|TLSV1|TLSV13)_ALERT_/, '')
    .toLowerCase()
    .replaceAll('_', ' ');
  return `TLS alert: ${alert}`;
}
