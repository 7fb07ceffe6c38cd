// Routes: ordered rules that pick where a call goes and how its numbers are rewritten. A pattern
// that does not compile is refused here, with the place of the fault, because the engine could not
// run it: the number-pattern module (RE2, linear time) is the one that compiles and runs them.
import { z } from 'zod';
import { compileNumberPattern } from '../routing/number-pattern.ts';
import { oneLine, Slug } from './primitives.ts';

/** Longest match or replace pattern; user patterns run on the call path, so they stay short. */
export const MAX_PATTERN_LENGTH = 256;

const Pattern = z
  .string()
  .min(1, 'must not be empty')
  .max(MAX_PATTERN_LENGTH, `at most ${MAX_PATTERN_LENGTH} characters`);

/** "Phone pattern" → "translation pattern", as in Teams normalization rules. */
export const NumberRewrite = z
  .strictObject({
    match: Pattern,
    replace: z.string().max(MAX_PATTERN_LENGTH, `at most ${MAX_PATTERN_LENGTH} characters`).optional(),
  })
  .superRefine((rewrite, ctx) => {
    const compiled = compileNumberPattern(rewrite.match, rewrite.replace);
    if (!compiled.ok) {
      ctx.addIssue({ code: 'custom', path: [compiled.error.field], message: compiled.error.message });
    }
  });

export const RouteTarget = z.union(
  [z.strictObject({ connection: Slug }), z.strictObject({ failoverGroup: Slug })],
  { error: 'expected { "connection": id } or { "failoverGroup": id }' },
);

export const Route = z
  .strictObject({
    id: Slug,
    description: oneLine(256).optional(),
    sourceConnections: z
      .array(Slug)
      .max(256, 'at most 256 entries')
      .default([])
      .describe('Connection ids a call must come from; empty = any'),
    called: NumberRewrite.optional(),
    calling: NumberRewrite.optional(),
    target: RouteTarget.optional(),
    onMatch: z.enum(['stop', 'continue']).default('stop'),
    /** Emergency numbers (110, 112) are marked so they can be routed and logged apart. */
    emergency: z.boolean().default(false),
  })
  .superRefine((route, ctx) => {
    if (route.onMatch === 'stop' && route.target === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['target'],
        message: 'a rule that stops needs a target (a connection or a failover group)',
      });
    }
  });

export type Route = z.infer<typeof Route>;
export type RouteTarget = z.infer<typeof RouteTarget>;
