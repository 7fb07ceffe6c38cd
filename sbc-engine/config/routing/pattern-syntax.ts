// Plain-words errors for a "phone pattern". RE2 says what is wrong but not where; this scanner finds
// the place (and the mistakes admins make most: a lone '(' or '[', `\1`, lookarounds, `^+49`).
import { RE2JSSyntaxException } from 're2js';

export interface PatternProblem {
  message: string;
  /** 0-based index of the offending character; messages count from 1, as people do. */
  position?: number;
}

function at(position: number): string {
  return `at character ${position + 1}`;
}

const QUANTIFIER = /^(?:[*+?]|\{\d+(?:,\d*)?\})/;

/**
 * Walks the pattern the way RE2's parser does (escapes, `\Q...\E`, character classes) and reports
 * the first problem whose place it can name. Returns undefined when it sees none; RE2 has the last
 * word either way.
 */
export function findPatternProblem(pattern: string): PatternProblem | undefined {
  const open: number[] = [];
  let classStart = -1;
  let previous: 'start' | 'anchor' | 'other' = 'start';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === '\\') {
      const next = pattern[i + 1];
      if (next === undefined)
        return { message: `the pattern ends with a lone backslash ${at(i)}`, position: i };
      if (classStart < 0 && next >= '1' && next <= '9')
        return {
          message: `backreferences such as \\${next} (${at(i)}) are not supported`,
          position: i,
        };
      if (next === 'k' && pattern[i + 2] === '<')
        return { message: `backreferences such as \\k<...> (${at(i)}) are not supported`, position: i };
      if (next === 'Q') {
        const end = pattern.indexOf('\\E', i + 2);
        if (end < 0) break; // the rest is literal
        i = end + 1;
      } else if ('xpP'.includes(next) && pattern[i + 2] === '{') {
        const end = pattern.indexOf('}', i + 3);
        i = end < 0 ? pattern.length : end;
      } else i++;
      previous = 'other';
      continue;
    }
    if (classStart >= 0) {
      // A ']' right after '[' or '[^' is a literal, not the end of the class.
      const first = i === classStart + 1 || (i === classStart + 2 && pattern[classStart + 1] === '^');
      if (char === '[' && pattern[i + 1] === ':') {
        const end = pattern.indexOf(':]', i + 2);
        if (end > 0) i = end + 1;
      } else if (char === ']' && !first) classStart = -1;
      continue;
    }
    if (char === '[') classStart = i;
    else if (char === '(') {
      const lookaround = /^\(\?<?[=!]/.exec(pattern.slice(i, i + 4));
      if (lookaround)
        return {
          message: `${lookaround[0].includes('<') ? 'lookbehinds' : 'lookaheads'} such as ${lookaround[0]} (${at(i)}) are not supported`,
          position: i,
        };
      open.push(i);
    } else if (char === ')') {
      if (open.pop() === undefined)
        return { message: `')' ${at(i)} closes no group; write \\) for a literal parenthesis`, position: i };
    } else if (previous === 'anchor' && QUANTIFIER.test(pattern.slice(i, i + 12))) {
      const literal = char === '+' ? `; write \\+ for a literal plus, as in ^\\+49` : '';
      return {
        message: `'${char}' ${at(i)} repeats the anchor before it, which matches no character${literal}`,
        position: i,
      };
    }
    previous = char === '^' || char === '$' ? 'anchor' : char === '(' || char === '|' ? 'start' : 'other';
  }
  if (classStart >= 0)
    return {
      message: `the character class '[' ${at(classStart)} is never closed with ']'`,
      position: classStart,
    };
  const unclosed = open.pop();
  if (unclosed !== undefined)
    return { message: `the group '(' ${at(unclosed)} is never closed with ')'`, position: unclosed };
  return undefined;
}

const PLAIN: Record<string, (fragment: string, where: string) => string> = {
  'invalid escape sequence': (f, w) => `unknown escape ${f}${w}`,
  'invalid repeat count': (f, w) =>
    `repeat count ${f}${w} is out of range: at most 1000 in total, and the first number not above the second`,
  'missing argument to repetition operator': (f, w) =>
    `'${f}'${w} repeats nothing; write \\${f[0]} for a literal ${f[0]}`,
  'invalid nested repetition operator': (f, w) => `'${f}'${w} repeats a repetition`,
  'invalid or unsupported Perl syntax': (f, w) => `'${f}'${w} is not supported`,
  'invalid named capture': (f, w) => `the named group ${f}${w} is malformed`,
  'duplicate capture group name': (f, w) => `the group name ${f}${w} is used twice`,
  'invalid character class range': (f, w) =>
    /^\\[pP]/.test(f) ? `unknown Unicode class ${f}${w}` : `the character range ${f}${w} is invalid`,
  'invalid character class': (f, w) => `the character class ${f}${w} is invalid`,
  'expression too large': () => 'the pattern is too large for the engine: use smaller repeat counts',
  'expression nests too deeply': () => 'the pattern nests groups too deeply',
};

/** Turns what re2js threw into a plain-words problem with the place, where the fragment shows it. */
export function explainCompileError(pattern: string, error: unknown): PatternProblem {
  if (!(error instanceof RE2JSSyntaxException))
    return {
      message: `the pattern cannot be used: ${error instanceof Error ? error.message : String(error)}`,
    };
  const fragment = error.input ?? '';
  // RE2 quotes the offending fragment; it is placed where it first occurs, as RE2 parses left to right.
  const index = fragment !== '' ? pattern.indexOf(fragment) : -1;
  const where = index >= 0 ? ` ${at(index)}` : '';
  const explain = PLAIN[error.error];
  const message = explain
    ? explain(fragment, where)
    : `${error.error}${fragment && fragment !== pattern ? ` (${fragment})` : ''}${where}`;
  return index >= 0 ? { message, position: index } : { message };
}
