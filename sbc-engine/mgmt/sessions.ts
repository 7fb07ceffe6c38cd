// Login sessions: random bearer tokens, kept only as their SHA-256 so a memory dump does not hand
// out live tokens. Sessions live in memory: restarting the engine logs everyone out.
import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../runtime/clock.ts';

export const SESSION_IDLE_MS = 8 * 3600 * 1000;
const MAX_SESSIONS = 1000;

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export class SessionStore {
  private readonly sessions = new Map<string, { expiresAt: number }>();
  private readonly clock: Clock;

  constructor(clock: Clock) {
    this.clock = clock;
  }

  create(): { token: string; expiresAt: number } {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = this.clock.now() + SESSION_IDLE_MS;
    this.sessions.set(digest(token), { expiresAt });
    while (this.sessions.size > MAX_SESSIONS) {
      const oldest = this.sessions.keys().next().value;
      if (oldest === undefined) break;
      this.sessions.delete(oldest);
    }
    return { token, expiresAt };
  }

  /** True when the token is live; each use extends it (idle timeout, not absolute). */
  touch(token: string): boolean {
    const key = digest(token);
    const session = this.sessions.get(key);
    const now = this.clock.now();
    if (!session) return false;
    if (session.expiresAt <= now) {
      this.sessions.delete(key);
      return false;
    }
    session.expiresAt = now + SESSION_IDLE_MS;
    return true;
  }

  revoke(token: string): void {
    this.sessions.delete(digest(token));
  }

  /** Keeps one token alive across revokeAll(), for the session that changed the password. */
  adopt(token: string): void {
    this.sessions.set(digest(token), { expiresAt: this.clock.now() + SESSION_IDLE_MS });
  }

  revokeAll(): void {
    this.sessions.clear();
  }
}
