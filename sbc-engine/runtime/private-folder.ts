// The engine's data folder holds its private keys, the admin password hash and the setup key: only
// the account the engine runs as (and the machine's administrators) may read it. POSIX modes do
// that on Linux; Windows ignores them, and C:\ProgramData is readable by all users, so there the
// folder gets an explicit ACL without inherited entries.
import { execFileSync } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { userInfo } from 'node:os';

/** icacls arguments: drop inherited entries, then full control for the owner, SYSTEM and Administrators. */
export function windowsAclArguments(folder: string, account: string): string[] {
  // *S-1-5-18 is SYSTEM and *S-1-5-32-544 the local Administrators group, whatever the display language.
  return [
    folder,
    '/inheritance:r',
    '/grant:r',
    `${account}:(OI)(CI)F`,
    '*S-1-5-18:(OI)(CI)F',
    '*S-1-5-32-544:(OI)(CI)F',
  ];
}

export function restrictToOwner(
  folder: string,
  platform: NodeJS.Platform = process.platform,
  run: (command: string, args: string[]) => void = (command, args) =>
    void execFileSync(command, args, { stdio: 'ignore', windowsHide: true }),
): void {
  if (platform === 'win32') {
    const { username } = userInfo();
    const domain = process.env.USERDOMAIN;
    run('icacls', windowsAclArguments(folder, domain ? `${domain}\\${username}` : username));
  } else {
    chmodSync(folder, 0o700);
  }
}
