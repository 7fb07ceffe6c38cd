// What a probe is aimed at, from what an admin types: a SIP or SIPS URI
// ("sip:sbc.example.com:5061;transport=tls", "sips:sbc.example.com") or host[:port]. Pure.
import type { LocateTarget, SipTransport } from '../sip/locate/types.ts';
import { targetFromUri } from '../sip/locate/target.ts';
import { getParam } from '../sip/text.ts';
import { formatUri, isSipUri, parseUri, type SipUri } from '../sip/uri.ts';

/** A bad argument; `field` names it ("target", "transport", "ca" ...) so the CLI can say which. */
export class ProbeInputError extends Error {
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.name = 'ProbeInputError';
    this.field = field;
  }
}

export interface ProbeTarget {
  /** The target as a SIP(S) URI, with the transport parameter when one was asked for. */
  uri: SipUri;
  /** The input of RFC 3263 server location. */
  locate: LocateTarget;
  /** RFC 3261 §11: an OPTIONS to a server has no user part; only the transport parameter is kept. */
  requestUri: string;
  /** The name (or address) the peer's certificate must carry (RFC 5922 §4: the URI's domain). */
  host: string;
}

export const TRANSPORTS: readonly SipTransport[] = ['udp', 'tcp', 'tls'];

export function isTransport(text: string): text is SipTransport {
  return (TRANSPORTS as readonly string[]).includes(text);
}

export function parseTarget(text: string, transport?: SipTransport): ProbeTarget {
  const input = text.trim();
  if (!input) throw new ProbeInputError('target', 'the target is empty; give a SIP URI or host:port');
  const hasScheme = /^sips?:/i.test(input);
  if (!hasScheme && /^[a-z][a-z0-9+.-]*:(?!\d)/i.test(input) && !input.startsWith('['))
    throw new ProbeInputError('target', `"${input}" is neither a sip:/sips: URI nor host:port`);
  const parsed = parseUri(hasScheme ? input : `sip:${input}`);
  if (!parsed.ok) throw new ProbeInputError('target', `"${input}" is not a usable target: ${parsed.error}`);
  if (!isSipUri(parsed.value)) throw new ProbeInputError('target', `"${input}" is not a SIP URI`);
  const uri = parsed.value;

  const written = getParam(uri.params, 'transport');
  const secure = uri.scheme === 'sips';
  let chosen: SipTransport | undefined;
  if (typeof written === 'string') {
    const lower = written.toLowerCase();
    const fromUri: SipTransport | undefined =
      lower === 'tcp' && secure ? 'tls' : isTransport(lower) ? lower : undefined;
    if (!fromUri) throw new ProbeInputError('target', `transport "${written}" is not udp, tcp or tls`);
    if (transport && transport !== fromUri)
      throw new ProbeInputError(
        'transport',
        `the target says transport=${written}, but --transport says ${transport}; give only one`,
      );
    chosen = fromUri;
  } else if (transport) {
    if (secure && transport === 'udp')
      throw new ProbeInputError('transport', 'a sips: target needs TLS; it cannot be probed over UDP');
    chosen = transport;
  }
  const params: SipUri['params'] = chosen && chosen !== 'udp' && !secure ? [['transport', chosen]] : [];
  if (chosen === 'udp') params.push(['transport', 'udp']);
  const clean: SipUri = {
    scheme: uri.scheme,
    host: uri.host,
    ...(uri.port !== undefined ? { port: uri.port } : {}),
    params,
    headers: [],
  };
  const locate = targetFromUri({ ...clean, params: [...params, ...maddrOf(uri)] });
  return {
    uri: clean,
    locate,
    requestUri: formatUri({ ...clean, params: params.filter(([, v]) => v !== 'udp') }),
    host: uri.host,
  };
}

function maddrOf(uri: SipUri): SipUri['params'] {
  const maddr = getParam(uri.params, 'maddr');
  return typeof maddr === 'string' ? [['maddr', maddr]] : [];
}
