// The config schema as JSON Schema, for editors and other tools. scripts/export-config-schema.ts
// writes it to resources/config.schema.json; a unit test keeps that file in step with the schema.
import { z } from 'zod';
import { Config } from './config.ts';

/** Where the exported schema lives, relative to the repository. */
export const CONFIG_JSON_SCHEMA_FILE = 'resources/config.schema.json';

/**
 * The schema of a config file as written: fields with defaults may be left out. Cross-references
 * (a route naming a connection that exists) cannot be said in JSON Schema; parseConfig checks them.
 */
export function configJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(Config, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
}
