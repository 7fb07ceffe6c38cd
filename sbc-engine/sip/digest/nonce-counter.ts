// Nonce counts per (realm, nonce) (RFC 7616 §3.4: nc counts the requests sent with one nonce,
// starting at 00000001, so that the server can detect replays).

/** Nonces remembered per realm; forked proxies of one realm may hold a few at once (RFC 3261 §22.3). */
const NONCES_PER_REALM = 8;

export class NonceCounter {
  readonly #realms = new Map<string, Map<string, number>>();

  /** Counts one more use of the nonce and returns the nc to send: 1 for a nonce never used. */
  next(realm: string, nonce: string): number {
    let nonces = this.#realms.get(realm);
    if (!nonces) {
      nonces = new Map();
      this.#realms.set(realm, nonces);
    }
    const count = (nonces.get(nonce) ?? 0) + 1;
    // Re-insert so that the map stays ordered by last use and the oldest nonce is dropped first.
    nonces.delete(nonce);
    nonces.set(nonce, count);
    for (const oldest of nonces.keys()) {
      if (nonces.size <= NONCES_PER_REALM) break;
      nonces.delete(oldest);
    }
    return count;
  }

  /** The last nc sent with this nonce, 0 when none was. */
  current(realm: string, nonce: string): number {
    return this.#realms.get(realm)?.get(nonce) ?? 0;
  }

  /** Forget a realm, e.g. after its credentials were rejected. */
  forget(realm: string): void {
    this.#realms.delete(realm);
  }
}
