// To tags, branches and Call-IDs are needed per message; one randomBytes() call per token costs a
// system call each (it showed up at 6 % of the engine's time under OPTIONS load), so tokens are
// cut from a pool refilled in blocks.
import { randomBytes } from 'node:crypto';

const POOL_BYTES = 4096;

export function createTokenSource(bytesPerToken = 6): () => string {
  let pool = randomBytes(POOL_BYTES);
  let offset = 0;
  return () => {
    if (offset + bytesPerToken > pool.length) {
      pool = randomBytes(POOL_BYTES);
      offset = 0;
    }
    const token = pool.toString('hex', offset, offset + bytesPerToken);
    offset += bytesPerToken;
    return token;
  };
}
