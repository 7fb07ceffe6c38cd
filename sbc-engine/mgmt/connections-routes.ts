// The connections routes of the management API (/api/v1/connections...), spread into the one
// contract table in contract.ts: the live state of every connection — OPTIONS keepalive per target,
// registration, OPTIONS counters. Times are ISO 8601; the registration password never appears.
import { z } from 'zod';
import type { RouteSpec } from './contract.ts';

function connectionsRoute<B extends z.ZodType, R extends z.ZodType>(spec: RouteSpec<B, R>): RouteSpec<B, R> {
  return spec;
}

const IsoTime = z.string().nullable();

export const TargetKeepaliveStatus = z.object({
  /** transport:host:port as configured. */
  target: z.string(),
  state: z.enum(['unknown', 'up', 'down']),
  lastCode: z.number().int().nullable(),
  /** The last answer was 503: the peer is alive but refuses calls now. */
  refusing: z.boolean(),
  rttMs: z.number().nullable(),
  lastChange: IsoTime,
  lastError: z.string().nullable(),
  consecutiveFailures: z.number().int(),
  sent: z.number().int(),
  answered: z.number().int(),
});

export const RegistrationStatusBody = z.object({
  state: z.enum(['unregistered', 'registering', 'registered', 'failed']),
  registrar: z.string(),
  reason: z.enum(['credentials', 'rejected', 'timeout', 'transport']).nullable(),
  detail: z.string().nullable(),
  lastCode: z.number().int().nullable(),
  expires: z.number().int().nullable(),
  expiresAt: IsoTime,
  nextAttemptAt: IsoTime,
  lastChange: IsoTime,
  consecutiveFailures: z.number().int(),
});

export const ConnectionStatusBody = z.object({
  id: z.string(),
  name: z.string(),
  options: z.object({
    enabled: z.boolean(),
    intervalSeconds: z.number(),
    targets: z.array(TargetKeepaliveStatus),
  }),
  registration: RegistrationStatusBody.nullable(),
  counters: z.object({
    optionsReceived: z.number().int(),
    optionsAnswered: z.number().int(),
    optionsRefused: z.number().int(),
  }),
});

export const ConnectionsStatusBody = z.object({
  connections: z.array(ConnectionStatusBody),
  unknownSources: z.object({
    /** refuse: 403; drop: no answer. */
    policy: z.enum(['refuse', 'drop']),
    optionsRefused: z.number().int(),
    optionsDropped: z.number().int(),
  }),
});
export type ConnectionsStatusBody = z.infer<typeof ConnectionsStatusBody>;

export const connectionsRoutes = {
  connectionsStatus: connectionsRoute({
    method: 'GET',
    path: '/connections/status',
    auth: true,
    body: z.object({}).strict(),
    response: ConnectionsStatusBody,
  }),
} as const;
