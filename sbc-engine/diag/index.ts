// SIP OPTIONS probes with TLS and certificate diagnosis, for the engine's diagnostics API and the
// app's `sbc-studio check`.
export { probeOptions } from './probe.ts';
export { parseTarget, ProbeInputError, TRANSPORTS, isTransport, type ProbeTarget } from './target.ts';
export {
  DIAGNOSES,
  DIAGNOSIS_CODES,
  diagnose,
  worstSeverity,
  type Diagnosis,
  type DiagnosisCode,
  type Severity,
} from './diagnosis.ts';
export type { TlsReport, PeerCertificateSummary } from './tls-report.ts';
export type * from './types.ts';
