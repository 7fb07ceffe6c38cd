// Lexical helpers shared by the header parsers (RFC 3261 §25.1).

/** RFC 3261 token characters. */
export const TOKEN = /^[A-Za-z0-9\-.!%*_+`'~]+$/;

export function isToken(text: string): boolean {
  return TOKEN.test(text);
}

/**
 * Splits at a separator that is outside quoted strings and outside <…>; quoted-pair escapes are
 * honoured. Returns undefined when a quote or bracket is left open.
 */
export function splitOutside(text: string, separator: string): string[] | undefined {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  let angle = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      current += c;
      if (c === '\\' && i + 1 < text.length) current += text[++i];
      else if (c === '"') quoted = false;
      continue;
    }
    if (c === '"') quoted = true;
    else if (c === '<') angle++;
    else if (c === '>') angle = Math.max(0, angle - 1);
    else if (c === separator && angle === 0) {
      parts.push(current);
      current = '';
      continue;
    }
    current += c;
  }
  if (quoted || angle !== 0) return undefined;
  parts.push(current);
  return parts;
}

/** The content of a quoted-string: the quotes removed and quoted-pairs resolved. */
export function unquote(text: string): string | undefined {
  if (text.length < 2 || !text.startsWith('"') || !text.endsWith('"')) return undefined;
  let out = '';
  for (let i = 1; i < text.length - 1; i++) {
    const c = text[i]!;
    if (c === '\\') {
      if (i + 1 >= text.length - 1) return undefined;
      out += text[++i];
    } else if (c === '"') return undefined;
    else out += c;
  }
  return out;
}

export function quote(text: string): string {
  return `"${text.replace(/["\\]/g, '\\$&')}"`;
}

export type Params = [name: string, value: string | null][];

/**
 * ";name=value;flag" generic parameters. Names are lower-cased (case-insensitive by RFC 3261
 * §7.3.1); values keep their case. Undefined when a name is not a token.
 */
export function parseParams(text: string): Params | undefined {
  const params: Params = [];
  if (!text.trim()) return params;
  const parts = splitOutside(text, ';');
  if (!parts) return undefined;
  if (parts[0]!.trim() !== '') return undefined; // must start with ';'
  for (const part of parts.slice(1)) {
    const eq = part.indexOf('=');
    const name = (eq < 0 ? part : part.slice(0, eq)).trim();
    if (!isToken(name)) return undefined;
    const value = eq < 0 ? null : part.slice(eq + 1).trim();
    if (value !== null && value === '') return undefined;
    params.push([name.toLowerCase(), value]);
  }
  return params;
}

export function formatParams(params: Params): string {
  return params.map(([name, value]) => (value === null ? `;${name}` : `;${name}=${value}`)).join('');
}

export function getParam(params: Params, name: string): string | null | undefined {
  const found = params.find(([n]) => n === name.toLowerCase());
  return found ? found[1] : undefined;
}
