// The MessageIndexer the index uses. The SIP parsers replace this default when they are plugged in.
import { noSipIndexer, type MessageIndexer } from './message-indexer.ts';

export function createMessageIndexer(): MessageIndexer {
  return noSipIndexer;
}
