// What a server notes in the top Via of a request it received (RFC 3261 §18.2.1, RFC 3581), and
// where the response then goes (RFC 3261 §18.2.2).
import type { SipRequest } from './message.ts';
import { formatParams, getParam } from './text.ts';
import { parseVia } from './via.ts';

export interface PeerAddress {
  address: string;
  port: number;
}

/** Adds received= when sent-by differs from the source, and fills an empty rport (RFC 3581 §4). */
export function stampTopVia(request: SipRequest, source: PeerAddress): SipRequest {
  const index = request.headers.findIndex((h) => h.name === 'Via');
  if (index < 0) return request;
  const field = request.headers[index]!;
  const comma = field.value.search(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/);
  const top = comma < 0 ? field.value : field.value.slice(0, comma);
  const rest = comma < 0 ? '' : field.value.slice(comma);
  const via = parseVia(top);
  if (!via.ok) return request;
  const params = via.value.params.filter(
    ([name]) => name !== 'received' && !(name === 'rport' && getParam(via.value.params, 'rport') === null),
  );
  const hasRport = getParam(via.value.params, 'rport') !== undefined;
  if (via.value.host !== source.address.toLowerCase() || hasRport) params.push(['received', source.address]);
  if (hasRport) params.push(['rport', String(source.port)]);
  const sentBy = top.slice(0, top.indexOf(';') < 0 ? top.length : top.indexOf(';')).trimEnd();
  const headers = [...request.headers];
  headers[index] = { name: 'Via', value: `${sentBy}${formatParams(params)}${rest}` };
  return { ...request, headers };
}

/**
 * The transport fills in the top Via's sent-protocol and sent-by when it picks the flow (RFC 3261
 * §18.1.1); the branch and other parameters stay as the transaction made them.
 */
export function setTopViaSentBy(
  request: SipRequest,
  transport: string,
  host: string,
  port: number,
): SipRequest {
  const index = request.headers.findIndex((h) => h.name === 'Via');
  if (index < 0) return request;
  const field = request.headers[index]!;
  const semicolon = field.value.indexOf(';');
  const params = semicolon < 0 ? '' : field.value.slice(semicolon);
  const shownHost = host.includes(':') ? `[${host}]` : host;
  const headers = [...request.headers];
  headers[index] = { name: 'Via', value: `SIP/2.0/${transport.toUpperCase()} ${shownHost}:${port}${params}` };
  return { ...request, headers };
}
