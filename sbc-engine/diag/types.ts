// What a probe takes and what it reports. The result is plain data: it crosses the CLI's --json,
// the management API (POST /api/v1/diagnostics/options) and the renderer.
import type { NameCheck } from '../certs/name-match.ts';
import type { DnsResolver, SipTransport } from '../sip/locate/types.ts';
import type { TimerHost } from '../sip/transaction/clock.ts';
import type { Diagnosis, Severity } from './diagnosis.ts';
import type { TlsReport } from './tls-report.ts';

export interface ProbeOptions {
  /** "sip:host:port;transport=tls", "sips:host", "host:port" or "host". */
  target: string;
  /** Overrides the URI's choice (RFC 3263 picks one when neither says). */
  transport?: SipTransport;
  /** OPTIONS sent one after another on the same connection. Default 1. */
  count?: number;
  /** Pause between them. Default 1000 ms. */
  intervalMs?: number;
  /** Longest wait for each answer, connection set-up included. Default 32 s (Timer F, 64*T1). */
  timeoutMs?: number;
  /** A 2xx slower than this is a warning. Default 1000 ms. */
  slowMs?: number;
  /** Trusted CAs in PEM; absent: Node's built-in public roots. */
  caPems?: string[];
  /** Mutual TLS: our chain (leaf first) and key, in PEM. */
  clientCertificate?: { certChain: string; key: string };
  /** How the peer's certificate must name the target host. Default 'wildcard'. */
  nameCheck?: NameCheck;
  /** The SBC FQDN for Contact and From (Teams checks it); default the local address. */
  contactHost?: string;
  contactPort?: number;
  userAgent?: string;
  /** DNS for RFC 3263: a resolver, or the servers to ask ("127.0.0.1:5353"); default the system's. */
  dns?: DnsResolver | { servers: string[] };
  timers?: TimerHost;
  random?: () => number;
  now?: () => Date;
}

export interface ProbeDestination {
  transport: SipTransport;
  address: string;
  port: number;
  /** The name the address was found under (the target host or an SRV target). */
  hostname: string;
}

export interface SipAnswer {
  status: number;
  reason: string;
  rttMs: number;
  server?: string;
  userAgent?: string;
  allow: string[];
  supported: string[];
}

export interface ProbeAttempt {
  /** 1-based. */
  sequence: number;
  /** How often the request went out (UDP retransmissions included). */
  sends: number;
  answer?: SipAnswer;
  diagnosis: Diagnosis;
}

export interface ProbeResult {
  target: string;
  requestUri: string;
  transport: SipTransport;
  /** The destination probed, the first that RFC 3263 server location gave. */
  destination?: ProbeDestination;
  /** Further destinations location gave, in failover order (not probed). */
  alternatives: ProbeDestination[];
  local?: { address: string; port: number };
  tls?: TlsReport;
  attempts: ProbeAttempt[];
  /** The answer of the last attempt that got one. */
  answer?: SipAnswer;
  rtt?: { min: number; avg: number; max: number };
  /** The worst attempt's diagnosis (or the failure before any attempt). */
  diagnosis: Diagnosis;
  severity: Severity;
}
