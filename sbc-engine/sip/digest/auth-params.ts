// Generic lexer for challenge lists: `challenge *("," challenge)` where a challenge is
// `auth-scheme [ 1*SP ( token68 / #auth-param ) ]` (RFC 7235 §2.1, §4.1; RFC 3261 §25.1
// `challenge`). Several challenges may share one header value, and a challenge's own params are
// comma separated too, so a new challenge is recognised by a token NOT followed by "=".
import type { DigestResult } from './types.ts';

export interface AuthParam {
  /** Lower-cased: auth-param names are case-insensitive (RFC 7235 §2.1). */
  name: string;
  /** Unquoted, backslash escapes resolved (RFC 3261 §25.1 `quoted-pair`). */
  value: string;
}

export interface RawChallenge {
  scheme: string;
  token68?: string;
  params: AuthParam[];
}

interface Cursor {
  text: string;
  pos: number;
}

// RFC 7230 §3.2.6 tchar; a superset of RFC 3261's `token` characters.
const TCHAR = /[A-Za-z0-9!#$%&'*+\-.^_`|~]/;
const TOKEN68_CHAR = /[A-Za-z0-9\-._~+/]/;

function isWhitespace(c: string | undefined): boolean {
  // CR and LF are tolerated so that an unfolded multi-line value (RFC 3261 §7.3.1 LWS) parses.
  return c === ' ' || c === '\t' || c === '\r' || c === '\n';
}

function skipWhitespace(cur: Cursor): void {
  while (isWhitespace(cur.text[cur.pos])) cur.pos++;
}

function readWhile(cur: Cursor, pattern: RegExp): string {
  const start = cur.pos;
  while (cur.pos < cur.text.length && pattern.test(cur.text[cur.pos] ?? '')) cur.pos++;
  return cur.text.slice(start, cur.pos);
}

function describe(c: string | undefined): string {
  return c === undefined ? 'end of header' : JSON.stringify(c);
}

function fail(error: string): { ok: false; error: string } {
  return { ok: false, error };
}

function readQuoted(cur: Cursor, name: string): DigestResult<string> {
  cur.pos++; // opening DQUOTE
  let value = '';
  while (cur.pos < cur.text.length) {
    const c = cur.text[cur.pos] ?? '';
    if (c === '"') {
      cur.pos++;
      return { ok: true, value };
    }
    if (c === '\\') {
      // quoted-pair: the next character stands for itself (RFC 3261 §25.1).
      if (cur.pos + 1 >= cur.text.length) break;
      value += cur.text[cur.pos + 1];
      cur.pos += 2;
      continue;
    }
    value += c;
    cur.pos++;
  }
  return fail(`unterminated quoted string in parameter "${name}"`);
}

/** After `name`, reads `BWS "=" BWS ( token / quoted-string )`. */
function readValue(cur: Cursor, name: string): DigestResult<string> {
  cur.pos++; // "="
  skipWhitespace(cur);
  if (cur.text[cur.pos] === '"') return readQuoted(cur, name);
  const token = readWhile(cur, TCHAR);
  if (token === '') return fail(`parameter "${name}" has no value (found ${describe(cur.text[cur.pos])})`);
  return { ok: true, value: token };
}

/** True when the cursor sits on "=" followed by something that can start a parameter value. */
function startsParamValue(cur: Cursor): boolean {
  if (cur.text[cur.pos] !== '=') return false;
  let p = cur.pos + 1;
  while (isWhitespace(cur.text[p])) p++;
  const c = cur.text[p];
  return c === '"' || (c !== undefined && TCHAR.test(c));
}

function atElementEnd(cur: Cursor): boolean {
  return cur.pos >= cur.text.length || cur.text[cur.pos] === ',';
}

/** Splits one header value into challenges; never throws. */
export function parseChallengeList(text: string): DigestResult<RawChallenge[]> {
  const cur: Cursor = { text, pos: 0 };
  const challenges: RawChallenge[] = [];
  let current: RawChallenge | undefined;
  for (;;) {
    skipWhitespace(cur);
    if (cur.pos >= text.length) break;
    if (text[cur.pos] === ',') {
      cur.pos++; // empty list elements are allowed (RFC 7230 §7)
      continue;
    }
    const name = readWhile(cur, TCHAR);
    if (name === '') return fail(`unexpected ${describe(text[cur.pos])} at position ${cur.pos}`);
    skipWhitespace(cur);
    let last: string;
    if (text[cur.pos] === '=') {
      if (!current) return fail(`parameter "${name}" comes before any authentication scheme`);
      const value = readValue(cur, name.toLowerCase());
      if (!value.ok) return value;
      current.params.push({ name: name.toLowerCase(), value: value.value });
      last = `parameter "${name}"`;
    } else {
      current = { scheme: name, params: [] };
      challenges.push(current);
      last = `scheme "${name}"`;
      if (!atElementEnd(cur)) {
        const save = cur.pos;
        const first = readWhile(cur, TCHAR);
        skipWhitespace(cur);
        if (first !== '' && startsParamValue(cur)) {
          const value = readValue(cur, first.toLowerCase());
          if (!value.ok) return value;
          current.params.push({ name: first.toLowerCase(), value: value.value });
          last = `parameter "${first}"`;
        } else {
          // token68 = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=" (RFC 7235 §2.1)
          cur.pos = save;
          const token68 = readWhile(cur, TOKEN68_CHAR) + readWhile(cur, /=/);
          if (token68 === '') return fail(`unexpected ${describe(text[cur.pos])} after scheme "${name}"`);
          current.token68 = token68;
          last = `credentials of scheme "${name}"`;
        }
      }
    }
    skipWhitespace(cur);
    if (!atElementEnd(cur)) {
      return fail(`expected "," after ${last} but found ${describe(text[cur.pos])} at position ${cur.pos}`);
    }
  }
  return { ok: true, value: challenges };
}
