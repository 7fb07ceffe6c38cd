// Helpers shared by the rules: copying, and the a= lines sdp-transform keeps verbatim in `invalid`.
import type { Sdp, SdpAttributes } from './types.ts';

/** A deep copy: every rule returns a new object and leaves its input alone. */
export function cloneSdp(sdp: Sdp): Sdp {
  return structuredClone(sdp);
}

/** The name of an a= value kept verbatim in `invalid` ("rtcp-mux-only", "candidate:1 1 …" → "candidate"). */
export function attributeName(value: string): string {
  const colon = value.indexOf(':');
  return colon < 0 ? value : value.slice(0, colon);
}

/** Drops the verbatim a= lines whose name is in `names`. */
export function dropInvalid(target: SdpAttributes, names: ReadonlySet<string>): void {
  if (!target.invalid) return;
  const kept = target.invalid.filter((entry) => !names.has(attributeName(String(entry.value))));
  if (kept.length > 0) target.invalid = kept;
  else delete target.invalid;
}
