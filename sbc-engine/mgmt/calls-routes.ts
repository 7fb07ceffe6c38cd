// The calls routes of the management API (/api/v1/calls...), spread into the one contract table in
// contract.ts: the calls in progress with both legs, tearing one down, and per-connection call
// counters (attempts, answered, failures by final code, ASR/NER, concurrent calls against the limit).
import { z } from 'zod';
import type { RouteSpec } from './contract.ts';

function callsRoute<B extends z.ZodType, R extends z.ZodType>(spec: RouteSpec<B, R>): RouteSpec<B, R> {
  return spec;
}

const CallLeg = z.object({
  /** The connection's id in the config. */
  connection: z.string(),
  callId: z.string(),
  /** transport:host:port of the far end. */
  peer: z.string(),
});

export const ActiveCall = z.object({
  id: z.string(),
  /** trying: no answer yet; early: ringing or early media; answered: 2xx sent, ACK awaited. */
  state: z.enum(['trying', 'early', 'answered', 'confirmed', 'ended']),
  startedAt: z.string(),
  answeredAt: z.string().nullable(),
  /** Since the answer; 0 before it. */
  durationSeconds: z.number(),
  /** After route translation. */
  called: z.string(),
  calling: z.string(),
  a: CallLeg,
  /** The b leg of the current attempt (null until its INVITE left). */
  b: CallLeg.extend({ target: z.string() }).nullable(),
  /** INVITEs sent so far, failover included. */
  attempts: z.number().int(),
});

export const CallsBody = z.object({ calls: z.array(ActiveCall) });
export type CallsBody = z.infer<typeof CallsBody>;

const Direction = z.object({
  attempts: z.number().int(),
  answered: z.number().int(),
  /** Final status code (or timeout, transport, no-answer) -> count. */
  failures: z.record(z.string(), z.number().int()),
  /** Answer-seizure ratio 0..1, null before the first attempt. */
  asr: z.number().nullable(),
  /** Network effectiveness ratio 0..1 (answers plus busy, no answer, rejected), null before the first attempt. */
  ner: z.number().nullable(),
});

export const CallCountersBody = z.object({
  connections: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      concurrent: z.number().int(),
      limit: z.number().int().nullable(),
      /** Calls that came in on the connection. */
      inbound: Direction,
      /** Calls sent to it (each failover attempt counts). */
      outbound: Direction,
    }),
  ),
});
export type CallCountersBody = z.infer<typeof CallCountersBody>;

export const TeardownBody = z.object({ id: z.string().min(1).max(64) }).strict();

export const callsRoutes = {
  callsList: callsRoute({
    method: 'GET',
    path: '/calls',
    auth: true,
    body: z.object({}).strict(),
    response: CallsBody,
  }),
  callsTeardown: callsRoute({
    method: 'POST',
    path: '/calls/teardown',
    auth: true,
    body: TeardownBody,
    response: z.object({}).strict(),
  }),
  callsCounters: callsRoute({
    method: 'GET',
    path: '/calls/counters',
    auth: true,
    body: z.object({}).strict(),
    response: CallCountersBody,
  }),
} as const;

/** What the server needs from the calls layer. */
export interface CallsApi {
  list(): CallsBody;
  /** False when there is no such call. */
  teardown(id: string): boolean;
  counters(): CallCountersBody;
}
