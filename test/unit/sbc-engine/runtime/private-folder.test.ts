import assert from 'node:assert/strict';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { restrictToOwner, windowsAclArguments } from '../../../../sbc-engine/runtime/private-folder.ts';

it('on Windows replaces inherited access with owner, SYSTEM and Administrators only', () => {
  const calls: [string, string[]][] = [];
  restrictToOwner('C:\\ProgramData\\SBC Studio\\engine', 'win32', (command, args) =>
    calls.push([command, args]),
  );
  assert.equal(calls.length, 1);
  assert.equal(calls[0]![0], 'icacls');
  assert.deepEqual(calls[0]![1].slice(0, 3), [
    'C:\\ProgramData\\SBC Studio\\engine',
    '/inheritance:r',
    '/grant:r',
  ]);
  assert.deepEqual(windowsAclArguments('D', 'CORP\\admin').slice(3), [
    'CORP\\admin:(OI)(CI)F',
    '*S-1-5-18:(OI)(CI)F',
    '*S-1-5-32-544:(OI)(CI)F',
  ]);
});

it('elsewhere leaves the folder to its owner (mode 0700)', () => {
  const folder = mkdtempSync(join(tmpdir(), 'sbc-private-'));
  restrictToOwner(folder, 'linux');
  assert.equal(statSync(folder).mode & 0o777, 0o700);
});
