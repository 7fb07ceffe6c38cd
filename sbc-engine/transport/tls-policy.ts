// TLS settings per peer: our own chain, the roots we trust, mutual authentication, the lowest
// version, and how the peer's name is checked. SIP trunks differ in all of these (Teams requires
// TLS 1.2+ and a public CA; a PBX on the LAN may present a self-signed certificate).
import {
  checkServerIdentity,
  connect,
  type ConnectionOptions,
  type PeerCertificate,
  type TLSSocket,
  type TlsOptions,
} from 'node:tls';
import { isIP } from 'node:net';
import { checkCertificateName, namesFromAltNames, type NameCheck } from '../certs/name-match.ts';

export interface TlsPeerPolicy {
  /** Our certificate chain (leaf first) and key: presented as server, and as client for mutual TLS. */
  certChain?: string;
  key?: string;
  /** Roots to trust for this peer; absent: Node's built-in public roots. */
  trustedCAs?: string[];
  minVersion?: 'TLSv1.2' | 'TLSv1.3';
  nameCheck: NameCheck;
}

export type MutualAuth = 'off' | 'request' | 'require';

export function serverTlsOptions(policy: TlsPeerPolicy, mutualAuth: MutualAuth): TlsOptions {
  return {
    ...(policy.certChain ? { cert: policy.certChain } : {}),
    ...(policy.key ? { key: policy.key } : {}),
    ...(policy.trustedCAs ? { ca: policy.trustedCAs } : {}),
    minVersion: policy.minVersion ?? 'TLSv1.2',
    requestCert: mutualAuth !== 'off',
    // 'request' asks for a certificate and lets the application decide (and log) what to do.
    rejectUnauthorized: mutualAuth === 'require',
  };
}

/** Why a handshake failed, in words an admin can act on. */
export function explainTlsError(error: NodeJS.ErrnoException & { reason?: string }): string {
  switch (error.code) {
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
      return 'the certificate chain does not lead to a trusted root: is the intermediate certificate missing on the peer, or its root missing here?';
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return 'the peer presents a self-signed certificate that is not among the trusted roots';
    case 'CERT_HAS_EXPIRED':
      return 'the peer certificate has expired';
    case 'CERT_NOT_YET_VALID':
      return 'the peer certificate is not valid yet (check the clocks)';
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return error.reason ?? error.message;
    case 'ERR_SSL_UNSUPPORTED_PROTOCOL':
    case 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION':
      return 'the peer and this engine share no TLS version (check the minimum TLS version on both sides)';
    default:
      return error.message;
  }
}

export interface TlsTarget {
  host: string;
  port: number;
  /** The name the certificate must carry and SNI announces; defaults to host. */
  serverName?: string;
}

export function clientTlsOptions(target: TlsTarget, policy: TlsPeerPolicy): ConnectionOptions {
  const serverName = target.serverName ?? target.host;
  return {
    host: target.host,
    port: target.port,
    // SNI carries host names only (RFC 6066 §3).
    ...(isIP(serverName) ? {} : { servername: serverName }),
    ...(policy.certChain ? { cert: policy.certChain } : {}),
    ...(policy.key ? { key: policy.key } : {}),
    ...(policy.trustedCAs ? { ca: policy.trustedCAs } : {}),
    minVersion: policy.minVersion ?? 'TLSv1.2',
    rejectUnauthorized: true,
    checkServerIdentity: (host: string, certificate: PeerCertificate) => {
      if (isIP(serverName)) return checkServerIdentity(host, certificate);
      const problem = checkCertificateName(
        namesFromAltNames(certificate.subjectaltname, certificate.subject?.CN as string | undefined),
        serverName,
        policy.nameCheck,
      );
      if (!problem) return undefined;
      const error = new Error(problem) as NodeJS.ErrnoException & { reason: string };
      error.code = 'ERR_TLS_CERT_ALTNAME_INVALID';
      error.reason = problem;
      return error;
    },
  };
}

export function connectTls(target: TlsTarget, policy: TlsPeerPolicy, timeoutMs = 10_000): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = connect(clientTlsOptions(target, policy));
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no TLS handshake with ${target.host}:${target.port} within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        new Error(`TLS with ${target.host}:${target.port}: ${explainTlsError(error)}`, { cause: error }),
      );
    });
  });
}
