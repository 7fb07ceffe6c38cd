// The shapes of the health.* contract entries: what the Health page reads and sends. Pure zod, as
// every file of the contract (the preload bundles it).
import { z } from 'zod';

export const HealthState = z.enum(['ok', 'warning', 'down', 'unknown']);
export type HealthState = z.infer<typeof HealthState>;

export const HealthSettings = z.object({
  /** How often each connected engine's /connections/status and /status are read. */
  pollSeconds: z.number().int().min(5).max(3600),
  /** Scheduled OPTIONS probes from the engine to every target; false turns them off. */
  probesEnabled: z.boolean(),
  probeMinutes: z.number().int().min(1).max(1440),
  retentionDays: z.number().int().min(1).max(366),
  /** Teams treats an SBC it has not heard OPTIONS from for 3 minutes as inactive. */
  downAfterSeconds: z.number().int().min(10).max(3600),
  certificateWarningDays: z.number().int().min(1).max(365),
  slowMs: z.number().int().min(10).max(60_000),
  /** No desktop notifications. */
  quiet: z.boolean(),
});
export type HealthSettings = z.infer<typeof HealthSettings>;

export const DEFAULT_HEALTH_SETTINGS: HealthSettings = {
  pollSeconds: 30,
  probesEnabled: true,
  probeMinutes: 5,
  retentionDays: 30,
  downAfterSeconds: 180,
  certificateWarningDays: 30,
  slowMs: 1000,
  quiet: false,
};

export const IssueSeverity = z.enum(['warning', 'critical']);

/** One thing wrong, with its cause and the change that fixes it (plain English; the UI may translate by code). */
export const HealthIssue = z.object({
  code: z.string(),
  severity: IssueSeverity,
  /** The target ("tls:sip.example.com:5061") or certificate the issue is about, when there is one. */
  subject: z.string().optional(),
  cause: z.string(),
  fix: z.string(),
  /** The facts the sentences were made from, for translations. */
  values: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type HealthIssue = z.infer<typeof HealthIssue>;

export const TargetHealth = z.object({
  target: z.string(),
  state: HealthState,
  /** What the engine's keepalive says right now. */
  engineState: z.enum(['unknown', 'up', 'down']),
  lastCode: z.number().int().nullable(),
  rttMs: z.number().nullable(),
  lastAnswerAt: z.string().nullable(),
  /** The last scheduled (or manual) probe from the engine. */
  probe: z
    .object({
      at: z.string(),
      code: z.string(),
      severity: z.enum(['ok', 'warning', 'critical']),
      message: z.string(),
      tlsVersion: z.string().nullable(),
      /** Days until the first certificate of the peer's chain expires. */
      peerCertificateDaysLeft: z.number().nullable(),
    })
    .nullable(),
});
export type TargetHealth = z.infer<typeof TargetHealth>;

export const ConnectionHealth = z.object({
  engineId: z.string(),
  connectionId: z.string(),
  name: z.string(),
  state: HealthState,
  optionsEnabled: z.boolean(),
  intervalSeconds: z.number(),
  targets: z.array(TargetHealth),
  tls: z.object({
    used: z.boolean(),
    /** verified | failed | unknown (no probe yet). */
    state: z.enum(['verified', 'failed', 'unknown', 'not-used']),
    version: z.string().nullable(),
    /** The fewer of the SBC's own certificate and the peer's, in days. */
    ownCertificateDaysLeft: z.number().nullable(),
    peerCertificateDaysLeft: z.number().nullable(),
  }),
  registration: z
    .object({ state: z.string(), detail: z.string().nullable(), lastCode: z.number().nullable() })
    .nullable(),
  calls: z.object({ active: z.number().nullable(), limit: z.number().nullable() }),
  issues: z.array(HealthIssue),
});
export type ConnectionHealth = z.infer<typeof ConnectionHealth>;

export const EngineHealth = z.object({
  engineId: z.string(),
  name: z.string(),
  address: z.string(),
  /** ok when every connection is; unknown while the engine cannot be asked. */
  state: HealthState,
  reachable: z.boolean(),
  lastPollAt: z.string().nullable(),
  lastError: z.string().nullable(),
  certificates: z.array(z.object({ id: z.string(), label: z.string(), daysLeft: z.number() })),
  connections: z.array(ConnectionHealth),
  issues: z.array(HealthIssue),
});
export type EngineHealth = z.infer<typeof EngineHealth>;

/** A change worth a desktop notification; numbered so the UI shows each once. */
export const HealthEvent = z.object({
  seq: z.number().int(),
  at: z.string(),
  kind: z.enum(['connection-down', 'connection-recovered', 'certificate-expiring']),
  engineId: z.string(),
  connectionId: z.string().nullable(),
  title: z.string(),
  body: z.string(),
  values: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type HealthEvent = z.infer<typeof HealthEvent>;

export const HealthOverview = z.object({
  generatedAt: z.string(),
  engines: z.array(EngineHealth),
  /** The worst issues across every engine, worst first (at most 10). */
  worstIssues: z.array(HealthIssue.extend({ engineId: z.string(), connectionId: z.string().nullable() })),
  events: z.array(HealthEvent),
  quiet: z.boolean(),
});
export type HealthOverview = z.infer<typeof HealthOverview>;

export const HistoryRange = z.enum(['1h', '24h', '30d']);
export type HistoryRange = z.infer<typeof HistoryRange>;

export const HistoryPoint = z.object({
  /** Start of the bucket, ms since the epoch. */
  t: z.number(),
  avgRttMs: z.number().nullable(),
  maxRttMs: z.number().nullable(),
  samples: z.number().int(),
  /** Samples without an answer (down or failed probes). */
  failures: z.number().int(),
});
export type HistoryPoint = z.infer<typeof HistoryPoint>;

export const HealthHistory = z.object({
  from: z.number(),
  to: z.number(),
  bucketMs: z.number(),
  points: z.array(HistoryPoint),
});
export type HealthHistory = z.infer<typeof HealthHistory>;

export const TeamsCheckStep = z.object({
  id: z.string(),
  /** What was checked, e.g. "OPTIONS to sip.pstnhub.microsoft.com". */
  title: z.string(),
  status: z.enum(['ok', 'warning', 'critical', 'skipped']),
  detail: z.string(),
  fix: z.string().nullable(),
  values: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type TeamsCheckStep = z.infer<typeof TeamsCheckStep>;

export const TeamsCheckResult = z.object({
  engineId: z.string(),
  at: z.string(),
  status: z.enum(['ok', 'warning', 'critical']),
  steps: z.array(TeamsCheckStep),
});
export type TeamsCheckResult = z.infer<typeof TeamsCheckResult>;
