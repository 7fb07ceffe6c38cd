// A number rule as admins write it in Teams normalization rules and OfficeMaster match/replace: a
// regular expression (the "phone pattern") and a replacement (the "translation pattern"). Patterns
// come from users and run on every call, so they run on re2js: matching time grows linearly with the
// number, whatever the pattern (no catastrophic backtracking), and the number's length is capped.
import { RE2JS } from 're2js';
import { explainCompileError, findPatternProblem } from './pattern-syntax.ts';
import { expandReplacement, parseReplacement, type ReplacementPart } from './replacement.ts';

export const MAX_PATTERN_LENGTH = 256;
export const MAX_REPLACEMENT_LENGTH = 256;
/** E.164 numbers have at most 15 digits; 64 leaves room for prefixes, `;ext=` and user names. */
export const MAX_NUMBER_LENGTH = 64;
/** RE2's own measure of cost; `\d{9,11}`-style rules stay far below, `[\d\D]{1000}` is refused. */
export const MAX_PROGRAM_SIZE = 2000;

export interface NumberPattern {
  readonly match: string;
  readonly replace: string | undefined;
  readonly groupCount: number;
  /** True when the pattern matches the whole number. */
  test(number: string): boolean;
  /**
   * The translated number when the pattern matches the whole number (the number unchanged when
   * there is no replacement); null when it does not match.
   */
  apply(number: string): string | null;
}

export interface NumberPatternError {
  field: 'match' | 'replace';
  message: string;
  /** 0-based index into the field; the message counts characters from 1. */
  position?: number;
}

export type CompileNumberPatternResult =
  { ok: true; pattern: NumberPattern } | { ok: false; error: NumberPatternError };

/**
 * Anchoring: the pattern always has to match the whole number, as if wrapped in ^(?:...)$, and the
 * replacement becomes the whole new number. Teams patterns carry ^...$ themselves, so for them this
 * changes nothing; without it an unanchored `0(\d+)` would also fire inside `+4930...` and a
 * replace-in-place would keep whatever lay outside the match, an easy way to build numbers nobody
 * dialled. OfficeMaster's match/replace likewise describes the number as a whole.
 */
export function compileNumberPattern(match: string, replace?: string): CompileNumberPatternResult {
  if (match === '') return fail('match', 'the pattern is empty; leave it out to match any number');
  if (match.length > MAX_PATTERN_LENGTH)
    return fail(
      'match',
      `the pattern has ${match.length} characters; at most ${MAX_PATTERN_LENGTH} are allowed`,
    );
  const problem = findPatternProblem(match);
  if (problem) return fail('match', problem.message, problem.position);
  let re: RE2JS;
  try {
    re = RE2JS.compile(match);
  } catch (error) {
    const explained = explainCompileError(match, error);
    return fail('match', explained.message, explained.position);
  }
  if (re.programSize() > MAX_PROGRAM_SIZE)
    return fail(
      'match',
      `the pattern is too complex (${re.programSize()} steps, at most ${MAX_PROGRAM_SIZE}): use smaller repeat counts; no number is longer than ${MAX_NUMBER_LENGTH} characters`,
    );
  const groupCount = re.groupCount();
  let parts: ReplacementPart[] | undefined;
  if (replace !== undefined) {
    if (replace.length > MAX_REPLACEMENT_LENGTH)
      return fail(
        'replace',
        `the replacement has ${replace.length} characters; at most ${MAX_REPLACEMENT_LENGTH} are allowed`,
      );
    const parsed = parseReplacement(replace, groupCount);
    if (!parsed.ok) return fail('replace', parsed.message, parsed.position);
    parts = parsed.parts;
  }
  return { ok: true, pattern: numberPattern(re, match, replace, groupCount, parts) };
}

function fail(field: 'match' | 'replace', message: string, position?: number): CompileNumberPatternResult {
  return { ok: false, error: position === undefined ? { field, message } : { field, message, position } };
}

function numberPattern(
  re: RE2JS,
  match: string,
  replace: string | undefined,
  groupCount: number,
  parts: ReplacementPart[] | undefined,
): NumberPattern {
  const needsGroups = parts?.some((part) => typeof part === 'number' && part > 0) ?? false;
  function test(number: string): boolean {
    // testExact takes RE2's DFA path; most rules in a table do not match, so this is the common case.
    return number.length <= MAX_NUMBER_LENGTH && re.testExact(number);
  }
  function apply(number: string): string | null {
    if (!test(number)) return null;
    if (parts === undefined) return number;
    let translated: string;
    if (needsGroups) {
      const matcher = re.matcher(number);
      if (!matcher.matches()) return null;
      translated = expandReplacement(parts, (index) => matcher.group(index));
    } else translated = expandReplacement(parts, () => number);
    // A translation longer than any number we accept (`$0$0$0`) counts as no match: nothing hands a
    // number on that the next rule could not match and the far end would refuse.
    return translated.length <= MAX_NUMBER_LENGTH ? translated : null;
  }
  return { match, replace, groupCount, test, apply };
}
