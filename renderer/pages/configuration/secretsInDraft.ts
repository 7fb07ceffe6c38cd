// Passwords typed into a draft are never written anywhere the admin did not ask for (the autosaved
// draft, a log): they are blanked, while the marker of a secret stored on the engine is kept.
import { SECRET_MARKER } from '../../../sbc-engine/config/schema/secret.ts';
import { variantOf, type FieldSpec } from './fieldSpec.ts';

export function stripTypedSecrets(spec: FieldSpec, value: unknown): unknown {
  return walk(spec, value, () => '');
}

/** True when the value holds a secret in plain text (typed, not the stored-secret marker). */
export function hasTypedSecret(spec: FieldSpec, value: unknown): boolean {
  let found = false;
  walk(spec, value, (secret) => {
    found = true;
    return secret;
  });
  return found;
}

function walk(spec: FieldSpec, value: unknown, onSecret: (secret: string) => unknown): unknown {
  if (value === null || value === undefined) return value;
  switch (spec.kind) {
    case 'string':
      return spec.writeOnly && typeof value === 'string' && value !== '' && value !== SECRET_MARKER
        ? onSecret(value)
        : value;
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) return value;
      const record = value as Record<string, unknown>;
      const out: Record<string, unknown> = { ...record };
      for (const field of spec.fields) {
        if (field.key in record) out[field.key] = walk(field, record[field.key], onSecret);
      }
      return out;
    }
    case 'array':
      return Array.isArray(value) ? value.map((item) => walk(spec.item, item, onSecret)) : value;
    case 'union': {
      const index = variantOf(spec, value);
      return index < 0 ? value : walk(spec.variants[index]!.spec, value, onSecret);
    }
    default:
      return value;
  }
}
