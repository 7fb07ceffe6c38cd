// The SIP-aware indexer: the vendor parsers (sip/) find the SIP message in each syslog message and
// hand the index the fields the analyzer searches by.
import type { IndexableMessage, MessageIndexer, SipFields } from './message-indexer.ts';
import { extractSip, formatEndpoint } from './sip/index.ts';

export const sipIndexer: MessageIndexer = {
  extract(message: IndexableMessage): SipFields | undefined {
    const sip = extractSip(message.text);
    if (!sip) return undefined;
    const numbers = [sip.from?.number, sip.to?.number, sip.pai?.number].filter(
      (number): number is string => number !== undefined,
    );
    return {
      ...(sip.callId ? { callId: sip.callId } : {}),
      ...(sip.method ? { method: sip.method } : sip.cseq ? { method: sip.cseq.method } : {}),
      ...(sip.status !== undefined ? { status: sip.status } : {}),
      ...(sip.cseq ? { cseq: `${sip.cseq.seq} ${sip.cseq.method}` } : {}),
      ...(numbers.length ? { numbers: [...new Set(numbers)] } : {}),
      ...(sip.direction ? { direction: sip.direction } : {}),
      ...(sip.peer ? { peer: formatEndpoint(sip.peer) } : {}),
      ...(sip.leg ? { leg: sip.leg } : {}),
    };
  },
};
