// A config file opened offline: JSON text → a draft, with the reason in plain words when it is not
// JSON or not a valid config. An invalid config still opens, so the admin can fix it here.
import { parseConfig, type ConfigError } from '../../../sbc-engine/config/schema/parse.ts';

export type OpenedFile =
  { ok: true; config: unknown; errors: ConfigError[] } | { ok: false; message: string };

export function openConfigText(text: string): OpenedFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `not a JSON file: ${(error as Error).message}` };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, message: 'not a configuration: the file holds no JSON object' };
  }
  const parsed = parseConfig(raw);
  // A valid file opens with its defaults filled in, so every field shows its value.
  return parsed.ok
    ? { ok: true, config: parsed.config, errors: [] }
    : { ok: true, config: raw, errors: parsed.errors };
}

export function configFileText(config: unknown): string {
  return `${JSON.stringify(config, null, 2)}\n`;
}
