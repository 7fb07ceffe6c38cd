// Writes the engine config schema as JSON Schema to resources/config.schema.json, for editors and
// other tools. Run it after changing anything in sbc-engine/config/schema/ and commit the result
// (test/unit/sbc-engine/config/schema/json-schema.test.ts fails until you do):
//
//   node scripts/export-config-schema.ts
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { CONFIG_JSON_SCHEMA_FILE, configJsonSchema } from '../sbc-engine/config/schema/json-schema.ts';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const target = join(root, CONFIG_JSON_SCHEMA_FILE);
// Formatted as `prettier --check` wants it, so the lint step accepts the generated file as it is.
const options = (await prettier.resolveConfig(target)) ?? {};
const text = await prettier.format(JSON.stringify(configJsonSchema()), { ...options, filepath: target });
writeFileSync(target, text);
console.log(`[config] wrote ${CONFIG_JSON_SCHEMA_FILE}`);
