// Every call the UI makes, declared once. The preload builds window.sbc from this table, main and
// the browser-mode host register one handler per entry, and the renderer derives its types here.
import { z } from 'zod';
import { DiscoveredEngine, DiscoveryListing, ScanFailure, ScanResults, scanId } from './discovery-views.ts';
import { BackupFile, BackupSchedule, BackupSettings, ArchiveSource, BackupDiff } from './backup-views.ts';
import {
  SyslogListen,
  SyslogSettingsView,
  SyslogStatus,
  LogRowView,
  CallView,
  LadderView,
  CallMessageView,
  LogMessageDetail,
  CallIds,
  TimeMs,
} from './syslog-views.ts';
import { CertificateListing } from '../../sbc-engine/mgmt/certificates-routes.ts';
import { ProfileFile } from '../../sbc-engine/config/profiles/profile-schema.ts';
import { Identity, mgmtRoutes, Status } from '../../sbc-engine/mgmt/contract.ts';
import {
  HealthHistory,
  HealthOverview,
  HealthSettings,
  HistoryRange,
  TeamsCheckResult,
} from './health-views.ts';
import { BackupSummary } from '../../sbc-engine/backup/schemas.ts';
import { BackupPreview, BackupRestoreResult, RestoreParts } from '../../sbc-engine/mgmt/backup-routes.ts';

export const EngineState = z.enum([
  'unprovisioned', // reachable, first-time setup not done yet
  'needs-login', // set up, no session
  'connected', // logged in
  'unreachable', // no answer at the address
  'certificate-changed', // the certificate differs from the pinned one: refused until accepted
  'starting', // the bundled engine is being started
]);
export type EngineState = z.infer<typeof EngineState>;

export const EngineView = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  bundled: z.boolean(),
  state: EngineState,
  /** Fingerprint seen in the last TLS handshake. */
  seenFingerprint: z.string().optional(),
  /** Fingerprint the app trusts; absent until the user confirmed one. */
  pinnedFingerprint: z.string().optional(),
  /** For the bundled engine: the fingerprint of the certificate in its data folder, for comparison. */
  expectedFingerprint: z.string().optional(),
  identity: Identity.optional(),
  lastError: z.string().optional(),
  checkedAt: z.string().optional(),
});
export type EngineView = z.infer<typeof EngineView>;

export const AppInfo = z.object({
  version: z.string(),
  mode: z.enum(['electron', 'browser']),
  platform: z.string(),
});

export const Language = z.enum(['en', 'de']);
export const Settings = z.object({ language: Language });
export type Settings = z.infer<typeof Settings>;

const engineId = z.string().min(1).max(100);

export const SavedDraft = z.object({ name: z.string(), savedAt: z.string(), config: z.unknown() });
const Ok = z.object({});

function call<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}

/** A call handed on to one engine's management route: its body plus the engine it is for. */
function onEngine<S extends z.ZodRawShape, R extends z.ZodType>(route: {
  body: z.ZodObject<S>;
  response: R;
}) {
  return call(z.strictObject({ ...route.body.shape, engineId }), route.response);
}

export const contract = {
  'app.info': call(z.object({}), AppInfo),
  'settings.get': call(z.object({}), Settings),
  'settings.update': call(Settings.partial().strict(), Settings),
  'engines.list': call(z.object({}), z.array(EngineView)),
  'engines.add': call(
    z.object({ address: z.string().min(1).max(300), name: z.string().max(100).optional() }).strict(),
    EngineView,
  ),
  'engines.remove': call(z.object({ engineId }).strict(), Ok),
  'engines.refresh': call(z.object({ engineId }).strict(), EngineView),
  'engines.setup': call(
    z
      .object({
        engineId,
        setupKey: z.string().min(1).max(64),
        password: z.string().max(1024),
        /** The fingerprint the user compared; must equal the one seen in the handshake. */
        trustFingerprint: z.string().min(1).max(200),
      })
      .strict(),
    EngineView,
  ),
  'engines.login': call(
    z
      .object({ engineId, password: z.string().max(1024), trustFingerprint: z.string().max(200).optional() })
      .strict(),
    EngineView,
  ),
  'engines.logout': call(z.object({ engineId }).strict(), EngineView),
  'engines.acceptCertificate': call(
    z.object({ engineId, fingerprint: z.string().min(1).max(200) }).strict(),
    EngineView,
  ),
  'engines.status': call(z.object({ engineId }).strict(), Status),
  'engines.changePassword': call(
    z.object({ engineId, currentPassword: z.string().max(1024), newPassword: z.string().max(1024) }).strict(),
    Ok,
  ),
  /** Bundled engine only: the setup key from its data folder on this computer. */
  'engines.readLocalSetupKey': call(z.object({ engineId }).strict(), z.object({ setupKey: z.string() })),
  'engines.stopBundled': call(z.object({}), Ok),
  'engines.startBundled': call(z.object({}), EngineView),
  /** The engine's certificate store as it is: own certificates (pending or issued) and trusted CAs. */
  'certificates.list': call(z.object({ engineId }).strict(), CertificateListing),
  'certificates.createRequest': onEngine(mgmtRoutes.certificatesCreateRequest),
  'certificates.importSigned': onEngine(mgmtRoutes.certificatesImportSigned),
  'certificates.importIntermediates': onEngine(mgmtRoutes.certificatesImportIntermediates),
  /** The PFX password goes to the engine and nowhere else: never logged, never stored by the app. */
  'certificates.importPfx': onEngine(mgmtRoutes.certificatesImportPkcs12),
  'certificates.addTrusted': onEngine(mgmtRoutes.certificatesAddTrusted),
  'certificates.bundledRoots': onEngine(mgmtRoutes.certificatesBundledRoots),
  'certificates.addBundledRoot': onEngine(mgmtRoutes.certificatesAddBundledRoot),
  'certificates.remove': onEngine(mgmtRoutes.certificatesRemove),
  'certificates.useForSipTls': onEngine(mgmtRoutes.certificatesUseForSipTls),
  /** An engine's configuration: read (secrets as a marker), apply with If-Match, confirm, history. */
  'config.get': onEngine(mgmtRoutes.configGet),
  'config.apply': onEngine(mgmtRoutes.configPut),
  'config.confirm': onEngine(mgmtRoutes.configConfirm),
  'config.history': onEngine(mgmtRoutes.configHistory),
  'config.version': onEngine(mgmtRoutes.configVersion),
  'config.rollback': onEngine(mgmtRoutes.configRollback),
  'config.diff': onEngine(mgmtRoutes.configDiff),
  /** Live operations of an engine: calls in progress (tear one down), call counters, connection state. */
  'operations.calls': onEngine(mgmtRoutes.callsList),
  'operations.teardown': onEngine(mgmtRoutes.callsTeardown),
  'operations.counters': onEngine(mgmtRoutes.callsCounters),
  'operations.connections': onEngine(mgmtRoutes.connectionsStatus),
  /** The provider profiles shipped with SBC Studio (resources/profiles/), validated at load. */
  'profiles.list': call(z.object({}), z.object({ profiles: z.array(ProfileFile) })),
  /** The config editor's draft, kept as the admin types (typed passwords are stripped by the editor). */
  'drafts.get': call(z.object({}), z.object({ draft: SavedDraft.nullable() })),
  'drafts.save': call(
    z.object({ name: z.string().max(200), config: z.unknown() }).strict(),
    z.object({ savedAt: z.string() }),
  ),
  'drafts.clear': call(z.object({}), Ok),
  /** Browses for engines with DNS-SD while called (stops 30 s after the last call); what it found. */
  'discovery.browse': call(z.object({}), DiscoveryListing),
  'discovery.stopBrowsing': call(z.object({}), Ok),
  /** Probes /identity at addresses, host names and IPv4 CIDR ranges (at most 4096 addresses). */
  'discovery.scan': call(
    z
      .object({ targets: z.string().min(1).max(10_000), port: z.number().int().min(1).max(65535).optional() })
      .strict(),
    z.object({ scanId, total: z.number().int() }),
  ),
  'discovery.results': call(z.object({ scanId }).strict(), ScanResults),
  'discovery.cancel': call(z.object({ scanId }).strict(), Ok),
  /** Monitoring: every watched engine and connection with its state, issues, and notable changes. */
  'health.overview': call(z.object({ refresh: z.boolean().optional() }).strict(), HealthOverview),
  'health.history': call(
    z
      .object({
        engineId,
        connectionId: z.string().min(1).max(100),
        target: z.string().min(1).max(300).optional(),
        range: HistoryRange,
        to: z.number().optional(),
      })
      .strict(),
    HealthHistory,
  ),
  'health.probe': call(
    z
      .object({ engineId, connectionId: z.string().min(1).max(100), target: z.string().min(1).max(300) })
      .strict(),
    mgmtRoutes.diagnosticsOptions.response,
  ),
  'health.teamsCheck': call(
    z.object({ engineId, sipSignalingPort: z.number().int().min(1).max(65535).optional() }).strict(),
    TeamsCheckResult,
  ),
  'health.getSettings': call(z.object({}), HealthSettings),
  'health.updateSettings': call(HealthSettings.partial().strict(), HealthSettings),
  /** The syslog receiver (its own process) and the log analyzer over its store. */
  'syslog.status': call(z.object({}), SyslogStatus),
  'syslog.start': call(z.object({}), SyslogStatus),
  'syslog.stop': call(z.object({}), SyslogStatus),
  /** New listeners (HOST:PORT) are saved and a running receiver restarts with them. */
  'syslog.configure': call(
    z
      .object({
        udp: z.array(SyslogListen).max(8).optional(),
        tcp: z.array(SyslogListen).max(8).optional(),
        autoStart: z.boolean().optional(),
      })
      .strict(),
    SyslogStatus,
  ),
  /** The newest lines after a cursor (live tail by polling). */
  'syslog.tail': call(
    z
      .object({
        after: z.number().int().nonnegative().optional(),
        limit: z.number().int().min(1).max(5000).optional(),
      })
      .strict(),
    z.object({ rows: z.array(LogRowView), lastId: z.number(), skipped: z.number() }),
  ),
  /** A search in the query language (sip/QUERY.md), newest first in pages going back. */
  'syslog.query': call(
    z
      .object({
        query: z.string().max(4096),
        before: z.number().int().positive().optional(),
        limit: z.number().int().min(1).max(2000).optional(),
      })
      .strict(),
    z.union([
      z.object({
        ok: z.literal(true),
        rows: z.array(LogRowView),
        scanned: z.number(),
        nextBefore: z.number().optional(),
        ftsLag: z.number(),
      }),
      z.object({ ok: z.literal(false), error: z.object({ position: z.number(), message: z.string() }) }),
    ]),
  ),
  /** Calls grouped from the SIP messages in a time range, newest first; OPTIONS/REGISTER only when asked. */
  'syslog.calls': call(
    z
      .object({
        since: TimeMs.optional(),
        until: TimeMs.optional(),
        includeKeepalives: z.boolean().optional(),
        limit: z.number().int().min(1).max(10_000).optional(),
      })
      .strict(),
    z.object({ calls: z.array(CallView), complete: z.boolean() }),
  ),
  /** The messages of one call (or several, merged in time) with the ladder diagram's layout. */
  'syslog.call': call(
    z.object({ callIds: CallIds }).strict(),
    z.object({ calls: z.array(CallView), messages: z.array(CallMessageView), ladder: LadderView }),
  ),
  'syslog.message': call(z.object({ id: z.number().int().positive() }).strict(), LogMessageDetail),
  /** A call's SIP messages as pcap (link type 252, dissector "sip"), base64. */
  'syslog.exportPcap': call(
    z.object({ callIds: CallIds }).strict(),
    z.object({ fileName: z.string(), base64: z.string(), packets: z.number() }),
  ),
  /** The call list (same filter as syslog.calls) as CSV. */
  'syslog.exportCalls': call(
    z
      .object({
        since: TimeMs.optional(),
        until: TimeMs.optional(),
        includeKeepalives: z.boolean().optional(),
      })
      .strict(),
    z.object({ fileName: z.string(), csv: z.string(), calls: z.number() }),
  ),
  /** Points an engine's syslog at this workstation's receiver (config read, then applied with If-Match). */
  'syslog.sendEngineLogs': call(
    z.object({ engineId, sipTrace: z.boolean().optional() }).strict(),
    z.object({ host: z.string(), port: z.number(), transport: z.enum(['udp', 'tcp']), version: z.number() }),
  ),

  /** Backups: archives in the backups folder, opened offline or restored onto an engine. */
  'backups.list': call(z.object({}), z.object({ folder: z.string(), files: z.array(BackupFile), settings: BackupSettings })), // prettier-ignore
  'backups.create': call(
    z.strictObject({ engineId, passphrase: z.string().min(8).max(1024).optional() }),
    z.object({ file: BackupFile, summary: BackupSummary }),
  ),
  'backups.open': call(
    z.strictObject({ source: ArchiveSource, passphrase: z.string().max(1024).optional() }),
    z.object({ summary: BackupSummary, config: z.record(z.string(), z.unknown()) }),
  ),
  /** A new archive from an opened one with its config edited offline; history and certificates unchanged. */
  'backups.saveEdited': call(
    z.strictObject({
      source: ArchiveSource,
      config: z.record(z.string(), z.unknown()),
      passphrase: z.string().max(1024).optional(),
    }),
    z.object({ file: BackupFile, summary: BackupSummary, missingSecrets: z.array(z.string()) }),
  ),
  'backups.diff': call(
    z.strictObject({ a: ArchiveSource, b: ArchiveSource, passphrase: z.string().max(1024).optional() }),
    BackupDiff,
  ),
  'backups.preview': call(
    z.strictObject({ engineId, source: ArchiveSource, passphrase: z.string().max(1024).optional() }),
    BackupPreview,
  ),
  'backups.restore': call(
    z.strictObject({
      engineId,
      source: ArchiveSource,
      passphrase: z.string().max(1024).optional(),
      parts: RestoreParts,
      confirmWithinSeconds: z.number().int().min(5).max(3600).optional(),
      overrideReason: z.string().trim().min(1).max(1000).optional(),
      ifMatch: z.string().max(200).optional(),
    }),
    BackupRestoreResult,
  ),
  'backups.updateSettings': call(
    z.strictObject({ folder: z.string().min(1).max(1000).optional(), schedule: BackupSchedule.optional() }),
    BackupSettings,
  ),
} as const;

export {
  DiscoveredEngine,
  DiscoveryListing,
  ScanFailure,
  ScanResults,
  SyslogSettingsView,
  SyslogStatus,
  LogRowView,
  CallView,
  LadderView,
  CallMessageView,
  LogMessageDetail,
};

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type Input<M extends MethodName> = z.input<Contract[M]['input']>;
export type Output<M extends MethodName> = z.output<Contract[M]['output']>;

export const ErrorCode = z.enum([
  'invalid-input',
  'not-found',
  'unreachable',
  'certificate-changed',
  'certificate-unconfirmed',
  'wrong-password',
  'wrong-setup-key',
  'weak-password',
  'locked-out',
  'already-provisioned',
  'not-provisioned',
  'session-expired',
  'not-bundled',
  'stale', // the engine's config changed since it was read: reload, then apply again
  'lint-errors', // the linter found errors: fix them or apply with a reason
  'conflict', // the engine cannot do it now (a port taken, no trial to confirm)
  'busy',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ApiProblem = z.object({
  path: z.string(),
  message: z.string(),
  ruleId: z.string().optional(),
  severity: z.enum(['error', 'warning', 'info']).optional(),
});
export type ApiProblem = z.infer<typeof ApiProblem>;

export const ApiError = z.object({
  code: ErrorCode,
  message: z.string(),
  field: z.string().optional(),
  retryAfterSeconds: z.number().optional(),
  /** Every problem when there are several (config validation, blocking lint findings). */
  problems: z.array(ApiProblem).optional(),
});
export type ApiError = z.infer<typeof ApiError>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** What window.sbc looks like: `sbc.engines.setup(input)` for the entry 'engines.setup'. */
type Split<S extends string> = S extends `${infer A}.${infer B}` ? [A, B] : never;
export type SbcApi = {
  [Area in Split<MethodName>[0]]: {
    [M in MethodName as Split<M>[0] extends Area ? Split<M>[1] : never]: (
      input: Input<M>,
    ) => Promise<Result<Output<M>>>;
  };
};

export const IPC_CHANNEL_PREFIX = 'sbc:';
