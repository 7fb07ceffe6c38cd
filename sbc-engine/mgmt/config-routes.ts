// The configuration routes of the management API (/api/v1/config...), spread into the one contract
// table in contract.ts. Configs in answers carry the secret marker in place of every secret.
//
// GET and PUT /config use real ETag and If-Match headers. The app's typed client (mgmt-client.ts)
// sends bodies and reads bodies only, so the etag is in the GET answer's body too and PUT takes
// `ifMatch` in its body when the header is absent; the header wins when both are sent.
import { z } from 'zod';
import type { RouteSpec } from './contract.ts';

function configRoute<B extends z.ZodType, R extends z.ZodType>(spec: RouteSpec<B, R>): RouteSpec<B, R> {
  return spec;
}

const NoBody = z.object({}).strict();
const VersionNumber = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const Comment = z.string().max(1000, 'at most 1000 characters').default('');
/** A config is checked by the config schema itself (parseConfig) so that errors name its own paths. */
const ConfigValue = z.record(z.string(), z.unknown());
/** The trial window of an apply with confirmation: long enough to check, short enough to wait out. */
export const MIN_CONFIRM_SECONDS = 5;
export const MAX_CONFIRM_SECONDS = 3600;
const ConfirmWithin = z
  .number()
  .int()
  .min(MIN_CONFIRM_SECONDS, `at least ${MIN_CONFIRM_SECONDS} seconds`)
  .max(MAX_CONFIRM_SECONDS, `at most ${MAX_CONFIRM_SECONDS} seconds`);
const OverrideReason = z
  .string()
  .trim()
  .min(1, 'say why the lint errors are overridden')
  .max(1000, 'at most 1000 characters');

export const LintFinding = z.object({
  ruleId: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  path: z.string(),
  message: z.string(),
});
export type LintFinding = z.infer<typeof LintFinding>;

export const PendingView = z.object({
  version: z.number().int(),
  revertTo: z.number().int(),
  /** ISO time after which the engine goes back to `revertTo` by itself. */
  confirmBy: z.string(),
  secondsLeft: z.number(),
});

export const ConfigState = z.object({
  /** The version in effect. */
  version: z.number().int(),
  /** Same value as the ETag header: send it back as If-Match (or ifMatch) with PUT. */
  etag: z.string(),
  /** The last confirmed version: the one in effect unless a trial runs. */
  confirmedVersion: z.number().int(),
  pending: PendingView.nullable(),
});

export const ConfigDocument = ConfigState.extend({ config: ConfigValue });

export const ConfigPutBody = z
  .object({
    config: ConfigValue,
    comment: Comment,
    confirmWithinSeconds: ConfirmWithin.optional(),
    overrideReason: OverrideReason.optional(),
    /** For clients that cannot send headers; the If-Match header wins when both are present. */
    ifMatch: z.string().max(200).optional(),
  })
  .strict();

export const ListenerChange = z.object({
  opened: z.array(z.string()),
  closed: z.array(z.string()),
  kept: z.array(z.string()),
});

export const ApplyResult = ConfigState.extend({
  /** Warnings and infos (and overridden errors) the linter found in the applied config. */
  findings: z.array(LintFinding),
  listeners: ListenerChange,
});

export const VersionEntry = z.object({
  version: z.number().int(),
  author: z.string(),
  at: z.string(),
  comment: z.string(),
  /** A keyed hash of the config: equal configs, equal hashes; not a hash a password can be guessed against. */
  hash: z.string(),
  overrideReason: z.string().optional(),
  rollbackOf: z.number().int().optional(),
});

export const ConfigHistory = ConfigState.extend({ versions: z.array(VersionEntry) });

export const ConfirmBody = z
  .object({ version: VersionNumber.optional().describe('the trial version meant; refused if another runs') })
  .strict();
export const VersionBody = z.object({ version: VersionNumber }).strict();
export const RollbackBody = z
  .object({
    version: VersionNumber,
    comment: Comment,
    confirmWithinSeconds: ConfirmWithin.optional(),
    overrideReason: OverrideReason.optional(),
  })
  .strict();
export const DiffBody = z
  .object({ from: VersionNumber, to: VersionNumber.optional().describe('default: the version in effect') })
  .strict();

export const DiffChange = z.object({
  /** e.g. "connections[1].targets[0].port" (list elements with an id are matched by id). */
  path: z.string(),
  kind: z.enum(['added', 'removed', 'changed']),
  /** True for a secret: only whether it changed is told, never its value. */
  secret: z.boolean(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});
export const ConfigDiff = z.object({
  from: z.number().int(),
  to: z.number().int(),
  changes: z.array(DiffChange),
});

export const configRoutes = {
  configGet: configRoute({
    method: 'GET',
    path: '/config',
    auth: true,
    body: NoBody,
    response: ConfigDocument,
  }),
  configPut: configRoute({
    method: 'PUT',
    path: '/config',
    auth: true,
    body: ConfigPutBody,
    response: ApplyResult,
  }),
  configConfirm: configRoute({
    method: 'POST',
    path: '/config/confirm',
    auth: true,
    body: ConfirmBody,
    response: ConfigState,
  }),
  configHistory: configRoute({
    method: 'GET',
    path: '/config/history',
    auth: true,
    body: NoBody,
    response: ConfigHistory,
  }),
  configVersion: configRoute({
    method: 'POST',
    path: '/config/version',
    auth: true,
    body: VersionBody,
    response: VersionEntry.extend({ config: ConfigValue }),
  }),
  configRollback: configRoute({
    method: 'POST',
    path: '/config/rollback',
    auth: true,
    body: RollbackBody,
    response: ApplyResult,
  }),
  configDiff: configRoute({
    method: 'POST',
    path: '/config/diff',
    auth: true,
    body: DiffBody,
    response: ConfigDiff,
  }),
} as const;
