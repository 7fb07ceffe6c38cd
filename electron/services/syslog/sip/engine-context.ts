// The call context sbc-engine puts into its RFC 5424 structured data (sbc-engine/syslog/FORMAT.md):
// the element named 'sbc@' + a private enterprise number, matched by name, not by number.
import type { Direction, Endpoint } from './types.ts';
import { parseEndpoint } from './endpoint.ts';

export interface EngineContext {
  params: Record<string, string>;
  callId?: string;
  leg?: string;
  direction?: Direction;
  peer?: Endpoint;
  linkedCallId?: string;
  connection?: string;
  /** The MSG's full length in bytes when the engine cut it to the size limit. */
  truncatedBytes?: number;
}

/**
 * Reads the first `[sbc@N ...]` element of a syslog line (or of its structured-data part).
 * Values follow RFC 5424 §6.3.3: '"', '\' and ']' are escaped with a backslash.
 */
export function readEngineParams(text: string): Record<string, string> | undefined {
  const open = /\[sbc@\d+(?=[ \]])/.exec(text);
  if (!open) return undefined;
  const params: Record<string, string> = {};
  let at = open.index + open[0].length;
  const limit = Math.min(text.length, at + 16384);
  while (at < limit) {
    if (text[at] === ']') return params;
    if (text[at] !== ' ') return params;
    at++;
    const eq = text.indexOf('="', at);
    if (eq < 0 || eq - at > 32) return params;
    const name = text.slice(at, eq);
    if (!/^[^\s="\]]+$/.test(name)) return params;
    at = eq + 2;
    let value = '';
    while (at < limit && text[at] !== '"') {
      if (text[at] === '\\' && at + 1 < limit && '"\\]'.includes(text[at + 1]!)) at++;
      value += text[at];
      at++;
    }
    if (at >= limit) return params;
    params[name] = value;
    at++;
  }
  return params;
}

export function readEngineContext(text: string): EngineContext | undefined {
  const params = readEngineParams(text);
  if (!params) return undefined;
  const context: EngineContext = { params };
  if (params.callId) context.callId = params.callId;
  if (params.leg) context.leg = params.leg;
  if (params.dir === 'in' || params.dir === 'out') context.direction = params.dir;
  if (params.peer) {
    const peer = parseEndpoint(params.peer);
    if (peer) context.peer = peer;
  }
  if (params.linkedCallId) context.linkedCallId = params.linkedCallId;
  if (params.connection) context.connection = params.connection;
  if (params.truncated && /^\d{1,12}$/.test(params.truncated))
    context.truncatedBytes = Number(params.truncated);
  return context;
}

/** The a-leg/b-leg pair in an engine CALL_START of a b leg (callId + linkedCallId), if any. */
export function readEngineLink(text: string): { callId: string; linkedCallId: string } | undefined {
  const context = readEngineContext(text);
  if (!context?.callId || !context.linkedCallId) return undefined;
  return { callId: context.callId, linkedCallId: context.linkedCallId };
}
