// The management API, described once: the engine's server and the app's client both read this
// table, so a route or body cannot drift between them.
import { z } from 'zod';
import { MAX_ADMIN_PASSWORD_LENGTH, MIN_ADMIN_PASSWORD_LENGTH } from '../config/password-rule.ts';
import { certificateRoutes, StatusCertificate } from './certificates-routes.ts';
import { diagnosticsRoutes } from './diagnostics-routes.ts';
import { configRoutes } from './config-routes.ts';
import { connectionsRoutes } from './connections-routes.ts';
import { callsRoutes } from './calls-routes.ts';
import { backupRoutes } from './backup-routes.ts';

export const MGMT_BASE_PATH = '/api/v1';
export const MAX_BODY_BYTES = 1024 * 1024;

const password = z
  .string()
  .min(MIN_ADMIN_PASSWORD_LENGTH, `must be at least ${MIN_ADMIN_PASSWORD_LENGTH} characters`)
  .max(MAX_ADMIN_PASSWORD_LENGTH, `must be at most ${MAX_ADMIN_PASSWORD_LENGTH} characters`);
// A typed password is checked for its rule only when it is new; a login attempt accepts any text.
const anyPassword = z.string().max(MAX_ADMIN_PASSWORD_LENGTH * 4);

export const SipListenSocket = z.object({
  transport: z.enum(['udp', 'tcp', 'tls']),
  host: z.string(),
  port: z.number().int().min(1).max(65535),
});

export const Identity = z.object({
  id: z.string(),
  name: z.string(),
  version: z.string(),
  apiVersion: z.number().int(),
  configSchemaVersion: z.number().int(),
  provisioned: z.boolean(),
  /** SHA-256 of the management certificate, colon-separated upper-case hex. */
  managementFingerprint: z.string(),
  sipListen: z.array(SipListenSocket),
});
export type Identity = z.infer<typeof Identity>;

export const SetupBody = z.object({ setupKey: z.string().min(1).max(64), password }).strict();
export const LoginBody = z.object({ user: z.string().max(64).optional(), password: anyPassword }).strict();
export const LoginResult = z.object({ token: z.string(), expiresAt: z.string() });
export const PasswordChangeBody = z.object({ currentPassword: anyPassword, newPassword: password }).strict();
export const Status = z.object({
  startedAt: z.string(),
  uptimeSeconds: z.number(),
  provisioned: z.boolean(),
  version: z.string(),
  /** Own certificates with a leaf and their days left; engines before this field answer without it. */
  certificates: z.array(StatusCertificate).default([]),
});
export type Status = z.infer<typeof Status>;
export const Empty = z.object({}).strict();

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    field: z.string().optional(),
    retryAfterSeconds: z.number().optional(),
    /** Every problem when there are several: config validation errors, blocking lint findings. */
    problems: z
      .array(
        z.object({
          path: z.string(),
          message: z.string(),
          ruleId: z.string().optional(),
          severity: z.enum(['error', 'warning', 'info']).optional(),
        }),
      )
      .optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export interface RouteSpec<B extends z.ZodType, R extends z.ZodType> {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  auth: boolean;
  body: B;
  response: R;
  /** A larger body limit than MAX_BODY_BYTES, for the few routes that carry a file (a backup). */
  maxBodyBytes?: number;
}

function route<B extends z.ZodType, R extends z.ZodType>(spec: RouteSpec<B, R>): RouteSpec<B, R> {
  return spec;
}

export const mgmtRoutes = {
  identity: route({ method: 'GET', path: '/identity', auth: false, body: Empty, response: Identity }),
  setup: route({ method: 'POST', path: '/setup', auth: false, body: SetupBody, response: Empty }),
  login: route({ method: 'POST', path: '/login', auth: false, body: LoginBody, response: LoginResult }),
  logout: route({ method: 'POST', path: '/logout', auth: true, body: Empty, response: Empty }),
  changePassword: route({
    method: 'POST',
    path: '/password',
    auth: true,
    body: PasswordChangeBody,
    response: Empty,
  }),
  status: route({ method: 'GET', path: '/status', auth: true, body: Empty, response: Status }),
  ...certificateRoutes,
  ...diagnosticsRoutes,
  ...configRoutes,
  ...connectionsRoutes,
  ...callsRoutes,
  ...backupRoutes,
} as const;

export type MgmtRoutes = typeof mgmtRoutes;
export type MgmtRouteName = keyof MgmtRoutes;
export type MgmtBody<N extends MgmtRouteName> = z.infer<MgmtRoutes[N]['body']>;
export type MgmtResponse<N extends MgmtRouteName> = z.infer<MgmtRoutes[N]['response']>;

/** Error codes the server sends; the client maps them to what the user should do next. */
export type MgmtErrorCode =
  | 'bad-json'
  | 'invalid-body'
  | 'body-too-large'
  | 'not-found'
  | 'method-not-allowed'
  | 'unauthorized'
  | 'wrong-password'
  | 'wrong-setup-key'
  | 'already-provisioned'
  | 'not-provisioned'
  | 'locked-out'
  | 'busy'
  | 'precondition-required'
  | 'precondition-failed'
  | 'invalid-config'
  | 'lint-errors'
  | 'listener-unavailable'
  | 'nothing-to-confirm'
  | 'confirm-window-over'
  | 'internal';
