// Failover groups: connections tried one after another, as Teams1/2/3 (sip, sip2, sip3.pstnhub...).
import { z } from 'zod';
import { DisplayName, Slug, uniqueList } from './primitives.ts';

export const FailoverGroup = z.strictObject({
  id: Slug,
  name: DisplayName,
  /** Connection ids, tried in this order; each connection's failoverTimeSeconds says when to move on. */
  members: uniqueList(Slug, 32, (id) => id)
    .min(1, 'list at least one connection')
    .describe('Connection ids in the order they are tried'),
});

export type FailoverGroup = z.infer<typeof FailoverGroup>;
