import { homedir } from 'node:os';
import { join } from 'node:path';

/** A stand-alone engine's data folder when --data-dir is not given. */
export function defaultEngineDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string {
  if (platform === 'win32') return join(env.ProgramData ?? 'C:\\ProgramData', 'SBC Studio', 'engine');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'sbc-engine');
}
