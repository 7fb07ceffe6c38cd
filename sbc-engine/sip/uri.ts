// SIP and SIPS URIs (RFC 3261 §19.1, grammar in §25.1); any other scheme is kept opaque.
import type { Params } from './text.ts';

export interface SipUri {
  scheme: 'sip' | 'sips';
  /** As written, %-escapes kept: unescapeUriPart() for comparison. */
  user?: string;
  password?: string;
  /** Lower-cased; IPv6 without brackets. */
  host: string;
  port?: number;
  params: Params;
  headers: [string, string][];
}

export interface OtherUri {
  scheme: string;
  opaque: string;
}

export type UriResult = { ok: true; value: SipUri | OtherUri } | { ok: false; error: string };

const ESCAPE_OK = /%(?![0-9A-Fa-f]{2})/;
const USER = /^[A-Za-z0-9\-_.!~*'()&=+$,;?/%]+$/;
const PASSWORD = /^[A-Za-z0-9\-_.!~*'()&=+$,%]*$/;
const PARAM_CHARS = /^[A-Za-z0-9\-_.!~*'()[\]/:&+$%]+$/;
const HEADER_CHARS = /^[A-Za-z0-9\-_.!~*'()[\]/?:+$%]*$/;
const HOSTNAME = /^([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\.)*[A-Za-z]([A-Za-z0-9-]*[A-Za-z0-9])?\.?$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function isSipUri(uri: SipUri | OtherUri): uri is SipUri {
  return uri.scheme === 'sip' || uri.scheme === 'sips';
}

/** RFC 4291 text form, with an optional dotted IPv4 tail (RFC 3261 IPv6address). */
export function isIpv6(text: string): boolean {
  // RFC 5118 §4.10: an old ABNF bug produced "2001:db8:::192.0.2.1"; accept it as "::".
  let address = text.replace(/:::(?=[\d.]+$)/, '::');
  const lastColon = address.lastIndexOf(':');
  if (lastColon < 0) return false;
  const tail = address.slice(lastColon + 1);
  if (tail.includes('.')) {
    // A dotted IPv4 tail stands for the last two groups.
    if (!IPV4.test(tail)) return false;
    address = address.slice(0, lastColon + 1) + '0:0';
  }
  const halves = address.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((half) => (half === '' ? [] : half.split(':')));
  if (!groups.every((group) => /^[0-9A-Fa-f]{1,4}$/.test(group))) return false;
  return halves.length === 2 ? groups.length <= 7 : groups.length === 8;
}

export function unescapeUriPart(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    // Escapes of bytes that are not UTF-8 (RFC 4475 §3.1.1.4): keep them as Latin-1 code points.
    return text.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
}

function parseHostPort(text: string): { host: string; port?: number } | string {
  let host: string;
  let rest: string;
  if (text.startsWith('[')) {
    const end = text.indexOf(']');
    if (end < 0) return 'the IPv6 reference lacks its "]"';
    host = text.slice(1, end);
    if (!isIpv6(host)) return `"${host}" is not an IPv6 address`;
    rest = text.slice(end + 1);
  } else {
    const colon = text.indexOf(':');
    host = colon < 0 ? text : text.slice(0, colon);
    rest = colon < 0 ? '' : text.slice(colon);
    if (!IPV4.test(host) && (!HOSTNAME.test(host) || /^[\d.]+$/.test(host))) {
      return host.includes(':') || isIpv6(text)
        ? 'an IPv6 host must be in brackets'
        : `"${host}" is not a valid host`;
    }
  }
  if (!rest) return { host: host.toLowerCase() };
  if (!/^:\d{1,5}$/.test(rest) || Number(rest.slice(1)) > 65535)
    return `"${rest.slice(1)}" is not a valid port`;
  return { host: host.toLowerCase(), port: Number(rest.slice(1)) };
}

export function parseUri(text: string): UriResult {
  const schemeMatch = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(text);
  if (!schemeMatch) return { ok: false, error: `"${text.slice(0, 40)}" has no URI scheme` };
  const scheme = schemeMatch[1]!.toLowerCase();
  const rest = text.slice(schemeMatch[0].length);
  // eslint-disable-next-line no-control-regex
  if (/[\s\x00-\x1f\x7f<>"]/.test(rest))
    return { ok: false, error: 'the URI contains white space, a control character, <, > or "' };
  if (scheme !== 'sip' && scheme !== 'sips') {
    return rest
      ? { ok: true, value: { scheme, opaque: rest } }
      : { ok: false, error: `the ${scheme}: URI is empty` };
  }
  if (ESCAPE_OK.test(rest)) return { ok: false, error: 'a "%" is not followed by two hex digits' };

  // '@' cannot appear unescaped in host, parameters or headers, so the last one ends the userinfo.
  const at = rest.lastIndexOf('@');
  let user: string | undefined;
  let password: string | undefined;
  if (at >= 0) {
    const userinfo = rest.slice(0, at);
    const colon = userinfo.indexOf(':');
    user = colon < 0 ? userinfo : userinfo.slice(0, colon);
    password = colon < 0 ? undefined : userinfo.slice(colon + 1);
    if (!user || !USER.test(user))
      return { ok: false, error: `the user part "${user}" has characters a SIP URI does not allow` };
    if (password !== undefined && !PASSWORD.test(password))
      return { ok: false, error: 'the password part has characters a SIP URI does not allow' };
  }
  const afterUser = rest.slice(at + 1);
  const question = afterUser.indexOf('?');
  const beforeHeaders = question < 0 ? afterUser : afterUser.slice(0, question);
  const headerText = question < 0 ? undefined : afterUser.slice(question + 1);
  // A ';' inside an IPv6 reference cannot happen, so the first ';' after the host starts the parameters.
  const hostEnd = beforeHeaders.startsWith('[') ? beforeHeaders.indexOf(']') + 1 : 0;
  const semicolon = beforeHeaders.indexOf(';', hostEnd);
  const hostPort = parseHostPort(semicolon < 0 ? beforeHeaders : beforeHeaders.slice(0, semicolon));
  if (typeof hostPort === 'string') return { ok: false, error: hostPort };

  const params: Params = [];
  if (semicolon >= 0) {
    for (const part of beforeHeaders.slice(semicolon + 1).split(';')) {
      const eq = part.indexOf('=');
      const name = eq < 0 ? part : part.slice(0, eq);
      const value = eq < 0 ? null : part.slice(eq + 1);
      if (!name || !PARAM_CHARS.test(name) || (value !== null && !PARAM_CHARS.test(value))) {
        return { ok: false, error: `the URI parameter "${part}" is malformed` };
      }
      params.push([name.toLowerCase(), value]);
    }
  }
  const headers: [string, string][] = [];
  if (headerText !== undefined) {
    for (const part of headerText.split('&')) {
      const eq = part.indexOf('=');
      if (eq <= 0 || !HEADER_CHARS.test(part.slice(0, eq)) || !HEADER_CHARS.test(part.slice(eq + 1))) {
        return { ok: false, error: `the URI header "${part}" is malformed` };
      }
      headers.push([part.slice(0, eq), part.slice(eq + 1)]);
    }
  }
  return {
    ok: true,
    value: {
      scheme,
      ...(user !== undefined ? { user } : {}),
      ...(password !== undefined ? { password } : {}),
      ...hostPort,
      params,
      headers,
    },
  };
}

export function formatUri(uri: SipUri | OtherUri): string {
  if (!isSipUri(uri)) return `${uri.scheme}:${uri.opaque}`;
  const userinfo =
    uri.user !== undefined ? `${uri.user}${uri.password !== undefined ? `:${uri.password}` : ''}@` : '';
  const host = uri.host.includes(':') ? `[${uri.host}]` : uri.host;
  const port = uri.port !== undefined ? `:${uri.port}` : '';
  const params = uri.params.map(([n, v]) => (v === null ? `;${n}` : `;${n}=${v}`)).join('');
  const headers = uri.headers.length ? '?' + uri.headers.map(([n, v]) => `${n}=${v}`).join('&') : '';
  return `${uri.scheme}:${userinfo}${host}${port}${params}${headers}`;
}
