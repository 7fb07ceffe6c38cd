// The MessageIndexer the index uses: the SIP-aware one, over the vendor parsers.
import type { MessageIndexer } from './message-indexer.ts';
import { sipIndexer } from './sip-indexer.ts';

export function createMessageIndexer(): MessageIndexer {
  return sipIndexer;
}
