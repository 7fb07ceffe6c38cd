// The whole engine configuration: one schema for the engine, the app and the JSON Schema export.
import { z } from 'zod';
import { CONFIG_SCHEMA_VERSION } from '../versions.ts';
import { Connection } from './connections.ts';
import { findReferenceProblems } from './cross-references.ts';
import { FailoverGroup } from './failover-groups.ts';
import { LoggingSection } from './logging.ts';
import { MediaSection } from './media.ts';
import { Route } from './routes.ts';
import { SystemSection } from './system.ts';
import { DEFAULT_TLS_PROFILE, TlsProfile } from './tls-profiles.ts';
import { VoipSection } from './voip.ts';

export const Config = z
  .strictObject({
    schemaVersion: z.literal(CONFIG_SCHEMA_VERSION, {
      error: `expected ${CONFIG_SCHEMA_VERSION}, the schema version this engine uses`,
    }),
    system: SystemSection.prefault({}),
    voip: VoipSection.prefault({}),
    tlsProfiles: z.array(TlsProfile).max(64, 'at most 64 TLS profiles').prefault([DEFAULT_TLS_PROFILE]),
    media: MediaSection.prefault({}),
    connections: z.array(Connection).max(1000, 'at most 1000 connections').default([]),
    failoverGroups: z.array(FailoverGroup).max(256, 'at most 256 failover groups').default([]),
    routes: z.array(Route).max(10000, 'at most 10000 routes').default([]),
    logging: LoggingSection.prefault({}),
  })
  .superRefine((config, ctx) => {
    for (const problem of findReferenceProblems(config)) {
      ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
    }
  })
  .meta({
    title: 'SBC Studio engine configuration',
    description: `sbc-engine configuration, schema version ${CONFIG_SCHEMA_VERSION}`,
  });

export type Config = z.output<typeof Config>;
/** A config as written in a file or sent by the app: defaults may be left out. */
export type ConfigInput = z.input<typeof Config>;
