// Route sets and where an in-dialog request goes (RFC 3261 §12.1.1, §12.1.2, §12.2.1.1).
import { formatNameAddr, parseNameAddr } from '../address.ts';
import { getHeaderValues } from '../headers.ts';
import type { SipMessage } from '../message.ts';
import { formatUri, isSipUri, parseUri } from '../uri.ts';

/**
 * The Record-Route entries of a message, in the order the dialog keeps them: as received for the
 * UAS (§12.1.1), reversed for the UAC (§12.1.2). Entries keep their URI parameters (lr!).
 */
export function routeSetFrom(message: SipMessage, role: 'uac' | 'uas'): string[] {
  const entries = getHeaderValues(message, 'Record-Route').map((value) => value.trim());
  return role === 'uac' ? entries.reverse() : entries;
}

/** The URI of a Contact, Route or Record-Route value; undefined when it does not parse. */
export function uriOf(nameAddr: string): string | undefined {
  const parsed = parseNameAddr(nameAddr);
  return parsed.ok ? parsed.value.uri : undefined;
}

/** §19.1.1: a route entry whose URI carries "lr" belongs to a loose router (RFC 3261 style). */
export function isLooseRoute(entry: string): boolean {
  const uri = parseUri(uriOf(entry) ?? '');
  return uri.ok && isSipUri(uri.value) && uri.value.params.some(([name]) => name === 'lr');
}

/** §19.1.1 Table 1: a Request-URI may not carry the method parameter or URI headers. */
function forRequestUri(uri: string): string {
  const parsed = parseUri(uri);
  if (!parsed.ok || !isSipUri(parsed.value)) return uri;
  return formatUri({
    ...parsed.value,
    params: parsed.value.params.filter(([n]) => n !== 'method'),
    headers: [],
  });
}

export interface RequestTarget {
  requestUri: string;
  /** Route header values, in order. */
  route: string[];
}

/** §12.2.1.1: the Request-URI and Route of a request inside the dialog. */
export function targetFor(remoteTarget: string, routeSet: readonly string[]): RequestTarget {
  const first = routeSet[0];
  // §12.2.1.1: with an empty route set the Request-URI is the remote target and there is no Route.
  if (first === undefined) return { requestUri: remoteTarget, route: [] };
  // §12.2.1.1: if the first route has lr, Request-URI = remote target, Route = the whole route set.
  if (isLooseRoute(first)) return { requestUri: remoteTarget, route: [...routeSet] };
  // §12.2.1.1: a strict router: its URI becomes the Request-URI, and the remote target is
  // appended as the last Route entry after the rest of the route set.
  const firstUri = uriOf(first) ?? first;
  return {
    requestUri: forRequestUri(firstUri),
    route: [...routeSet.slice(1), formatNameAddr({ uri: remoteTarget, params: [] })],
  };
}
