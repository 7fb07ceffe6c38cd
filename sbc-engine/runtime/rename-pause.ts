import { sleepSync } from './atomic-file.ts';

/**
 * The crash-safety test kills a real engine while it writes its config. SBC_ENGINE_TEST_PAUSE_BEFORE_RENAME
 * (milliseconds) holds every config write between its fsync and its rename, so that a kill lands
 * inside a write rather than only between writes. Unset in production; SBC Studio strips every
 * SBC_ENGINE_TEST_ variable from the bundled engine's environment.
 */
export function renamePauseFromEnvironment(env: NodeJS.ProcessEnv): {
  beforeRename?: () => void;
  ms?: number;
} {
  const text = env.SBC_ENGINE_TEST_PAUSE_BEFORE_RENAME;
  const ms = Number(text);
  if (!text || !Number.isFinite(ms) || ms <= 0) return {};
  const capped = Math.min(ms, 10_000);
  return { ms: capped, beforeRename: () => sleepSync(capped) };
}
