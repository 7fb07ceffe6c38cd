// The answer to an OPTIONS from outside, per connection (providers.md: "OPTIONS answers with the code
// an INVITE would get", RFC 3261 §11.2): 200 with Allow, Accept and Supported from a connection's
// peers, 503 while that connection is at its call limit, and a refusal (403) or silence for sources
// that belong to no connection. Pure: the stateless responder's answer and the facts come in.
import type { Decision } from '../b2bua/stateless-responder.ts';

/** What happens to OPTIONS from a source outside every connection's networks. */
export type UnknownSourcePolicy = 'refuse' | 'drop';

export interface OptionsFacts {
  /** The connection the source belongs to, if any. */
  connectionId: string | undefined;
  /** True when the engine has at least one connection; without any there is nothing to guard. */
  anyConnection: boolean;
  /** The matched connection is at maxConcurrentCalls: an INVITE would get 503. */
  atCallLimit: boolean;
  unknownSource: UnknownSourcePolicy;
}

export type OptionsOutcome = 'answered' | 'busy' | 'refused' | 'dropped';

export interface OptionsAnswer {
  decision: Decision;
  outcome: OptionsOutcome;
}

// A refused source learns nothing about what the engine can do.
const CAPABILITIES = new Set(['allow', 'accept', 'accept-encoding', 'accept-language', 'supported']);
// RFC 3261 §21.5.4: Retry-After tells the peer when to try again; calls end within minutes.
const BUSY_RETRY_AFTER_SECONDS = '60';

/** `base` is the stateless responder's answer to the same request (200, or an error for a bad one). */
export function answerOptions(base: Decision, facts: OptionsFacts): OptionsAnswer {
  if (base.action !== 'reply' || base.response.status !== 200) {
    // A malformed OPTIONS gets the RFC's error answer whoever sent it; it is no keepalive.
    return { decision: base, outcome: base.action === 'reply' ? 'answered' : 'dropped' };
  }
  const response = base.response;
  if (facts.connectionId === undefined && facts.anyConnection) {
    if (facts.unknownSource === 'drop')
      return { decision: { action: 'drop', why: 'source outside every connection' }, outcome: 'dropped' };
    // 403, not 404 or 401: the server understood the request and will not serve this source (§21.4.4).
    const headers = response.headers.filter((h) => !CAPABILITIES.has(h.name.toLowerCase()));
    return {
      decision: {
        action: 'reply',
        response: { ...response, status: 403, reason: 'Forbidden', headers },
      },
      outcome: 'refused',
    };
  }
  if (facts.atCallLimit) {
    return {
      decision: {
        action: 'reply',
        response: {
          ...response,
          status: 503,
          reason: 'Service Unavailable',
          headers: [...response.headers, { name: 'Retry-After', value: BUSY_RETRY_AFTER_SECONDS }],
        },
      },
      outcome: 'busy',
    };
  }
  return { decision: base, outcome: 'answered' };
}
