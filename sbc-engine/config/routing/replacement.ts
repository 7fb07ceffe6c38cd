// The "translation pattern" of a number rule: literal text with $1..$9 for the pattern's groups, $0
// for the whole number and $$ for a literal dollar, as in Microsoft Teams normalization rules (which
// follow .NET's Regex.Replace). Parsed once when the config is applied, expanded on every call.

/** A literal piece of text, or the number of the group to insert (0 = the whole number). */
export type ReplacementPart = string | number;

export type ReplacementResult =
  { ok: true; parts: ReplacementPart[] } | { ok: false; message: string; position: number };

/**
 * A `$` takes exactly one digit, so `$10` is group 1 followed by a literal 0: an admin who writes
 * `+49301234$10` means "the extension, then 0", and patterns with ten groups do not occur in number
 * rules. Anything else after `$` (`${name}`, `$&`, a lone `$`) is refused instead of being copied
 * as text, because .NET and JavaScript each read those differently and the admin meant one of them.
 */
export function parseReplacement(replace: string, groupCount: number): ReplacementResult {
  const parts: ReplacementPart[] = [];
  let literal = '';
  for (let i = 0; i < replace.length; i++) {
    const char = replace[i]!;
    if (char !== '$') {
      literal += char;
      continue;
    }
    const next = replace[i + 1];
    if (next === '$') {
      literal += '$';
      i++;
      continue;
    }
    if (next === undefined || next < '0' || next > '9') {
      return {
        ok: false,
        message: `'$' at character ${i + 1} must be followed by a group number ($1 to $9, $0 for the whole number) or by another '$' for a literal dollar`,
        position: i,
      };
    }
    const group = Number(next);
    if (group > groupCount) {
      const has = groupCount === 1 ? '1 group' : `${groupCount} groups`;
      return {
        ok: false,
        message: `the replacement uses $${group} at character ${i + 1} but the pattern has ${has}`,
        position: i,
      };
    }
    if (literal !== '') parts.push(literal);
    literal = '';
    parts.push(group);
    i++;
  }
  if (literal !== '') parts.push(literal);
  return { ok: true, parts };
}

/** A group that did not take part in the match (the other side of an `|`) inserts nothing. */
export function expandReplacement(
  parts: readonly ReplacementPart[],
  group: (index: number) => string | null | undefined,
): string {
  let out = '';
  for (const part of parts) out += typeof part === 'string' ? part : (group(part) ?? '');
  return out;
}
