// Takes the secrets out of a config for the archive (leaving SECRET_MARKER, as the API shows them)
// and puts them back on restore. Secret places come from the schema (configSecretPaths), so a secret
// field added later is kept out of the plain members without a change here.
import { configSecretPaths, EVERY, formatPath, SECRET_MARKER } from '../config/schema/index.ts';

export type ConfigPath = (string | number)[];

export interface PlacedSecret {
  path: ConfigPath;
  value: string;
}

type Holder = Record<string | number, unknown>;

/** Every place in `config` where a secret string sits, with the holder to read or write it. */
function secretPlaces(config: unknown): { holder: Holder; key: string | number; path: ConfigPath }[] {
  const found: { holder: Holder; key: string | number; path: ConfigPath }[] = [];
  for (const steps of configSecretPaths()) {
    const walk = (value: unknown, rest: typeof steps, path: ConfigPath) => {
      if (typeof value !== 'object' || value === null) return;
      const [step, ...tail] = rest;
      if (step === undefined) return;
      const holder = value as Holder;
      const keys: (string | number)[] =
        step === EVERY ? (Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value)) : [step];
      for (const key of keys) {
        if (!Object.hasOwn(holder, key)) continue;
        if (tail.length === 0) {
          if (typeof holder[key] === 'string') found.push({ holder, key, path: [...path, key] });
        } else walk(holder[key], tail, [...path, key]);
      }
    };
    walk(config, steps, []);
  }
  return found;
}

/** A copy of the config with markers in place of its secrets, and the secrets it held. */
export function extractSecrets(config: unknown): { redacted: unknown; secrets: PlacedSecret[] } {
  const redacted = structuredClone(config);
  const secrets: PlacedSecret[] = [];
  for (const place of secretPlaces(redacted)) {
    const value = place.holder[place.key] as string;
    if (value === SECRET_MARKER) continue;
    secrets.push({ path: place.path, value });
    place.holder[place.key] = SECRET_MARKER;
  }
  return { redacted, secrets };
}

/** Puts secrets back where the redacted config carries the marker; returns the paths still marked. */
export function insertSecrets(
  redacted: unknown,
  secrets: readonly PlacedSecret[],
): { config: unknown; missing: string[] } {
  const config = structuredClone(redacted);
  const byPath = new Map(secrets.map((secret) => [JSON.stringify(secret.path), secret.value]));
  const missing: string[] = [];
  for (const place of secretPlaces(config)) {
    if (place.holder[place.key] !== SECRET_MARKER) continue;
    const value = byPath.get(JSON.stringify(place.path));
    if (value === undefined) missing.push(formatPath(place.path));
    else place.holder[place.key] = value;
  }
  return { config, missing };
}

/** The display paths of the secrets a redacted config had. */
export function markedSecretPaths(redacted: unknown): string[] {
  return secretPlaces(redacted)
    .filter((place) => place.holder[place.key] === SECRET_MARKER)
    .map((place) => formatPath(place.path));
}
