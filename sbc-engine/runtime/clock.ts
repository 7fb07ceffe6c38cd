import { readFileSync } from 'node:fs';

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/**
 * Integration tests move a real engine's time forward (lockouts last minutes) by writing a
 * millisecond offset into the file named by SBC_ENGINE_TEST_CLOCK_FILE. Unset in production.
 */
export function clockFromEnvironment(env: NodeJS.ProcessEnv): { clock: Clock; testFile?: string } {
  const file = env.SBC_ENGINE_TEST_CLOCK_FILE;
  if (!file) return { clock: systemClock };
  return {
    testFile: file,
    clock: {
      now() {
        let offset = 0;
        try {
          offset = Number(readFileSync(file, 'utf8').trim()) || 0;
        } catch {
          // no file yet: no offset
        }
        return Date.now() + offset;
      },
    },
  };
}
