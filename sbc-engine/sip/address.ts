// name-addr / addr-spec with header parameters: From, To, Contact, Route, Record-Route, Refer-To
// (RFC 3261 §20.10 and §25.1).
import { parseUri } from './uri.ts';
import { formatParams, isToken, parseParams, quote, unquote, type Params } from './text.ts';

export interface NameAddr {
  displayName?: string;
  uri: string;
  params: Params;
}

export type NameAddrResult = { ok: true; value: NameAddr } | { ok: false; error: string };

function findOutsideQuotes(text: string, char: string): number {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '\\') i++;
    else if (c === '"') quoted = !quoted;
    else if (!quoted && c === char) return i;
  }
  return -1;
}

export function parseNameAddr(text: string): NameAddrResult {
  const value = text.trim();
  const open = findOutsideQuotes(value, '<');
  let displayName: string | undefined;
  let uri: string;
  let paramText: string;
  if (open >= 0) {
    const close = value.indexOf('>', open);
    if (close < 0) return { ok: false, error: 'the "<" has no matching ">"' };
    const display = value.slice(0, open).trim();
    if (display.startsWith('"')) {
      const unquoted = unquote(display);
      if (unquoted === undefined)
        return { ok: false, error: 'the quoted display name is not closed properly' };
      displayName = unquoted;
    } else if (display) {
      // An unquoted display name is a sequence of tokens (RFC 3261 §25.1, display-name).
      if (!display.split(/[ \t]+/).every(isToken))
        return { ok: false, error: `the display name "${display}" must be quoted` };
      displayName = display.replace(/[ \t]+/g, ' ');
    }
    uri = value.slice(open + 1, close);
    paramText = value.slice(close + 1);
  } else {
    // addr-spec form: parameters after the URI belong to the header, not the URI (RFC 3261 §20.10).
    if (value.startsWith('"')) return { ok: false, error: 'the quoted display name is not closed properly' };
    const semicolon = value.indexOf(';');
    // White space may separate the URI from its header parameters (RFC 3261 §25.1, SEMI = SWS ";" SWS).
    uri = (semicolon < 0 ? value : value.slice(0, semicolon)).replace(/[ \t]+$/, '');
    paramText = semicolon < 0 ? '' : value.slice(semicolon);
    if (/[,?]/.test(uri)) return { ok: false, error: 'a URI with "," or "?" must be enclosed in <>' };
  }
  if (uri !== uri.trim() || !uri)
    return { ok: false, error: 'the URI is empty or has white space around it inside <>' };
  const parsedUri = parseUri(uri);
  if (!parsedUri.ok) return { ok: false, error: parsedUri.error };
  const params = parseParams(paramText.trim());
  if (!params) return { ok: false, error: `the parameters "${paramText.trim().slice(0, 40)}" are malformed` };
  return { ok: true, value: { ...(displayName !== undefined ? { displayName } : {}), uri, params } };
}

export function formatNameAddr(address: NameAddr): string {
  const display = address.displayName !== undefined ? `${quote(address.displayName)} ` : '';
  return `${display}<${address.uri}>${formatParams(address.params)}`;
}
