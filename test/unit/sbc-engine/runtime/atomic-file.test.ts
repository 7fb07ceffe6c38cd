import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { renameWithRetry, writeFileAtomic } from '../../../../sbc-engine/runtime/atomic-file.ts';

function failing(codes: string[]): { rename: (from: string, to: string) => void; calls: number } {
  const state = {
    calls: 0,
    rename: () => {
      const code = codes[state.calls++];
      if (code) throw Object.assign(new Error(code), { code });
    },
  };
  return state;
}

describe('renameWithRetry', () => {
  it('retries a rename a scanner refuses (EPERM, EACCES, EBUSY) until it goes through', () => {
    const waits: number[] = [];
    const fake = failing(['EPERM', 'EBUSY', 'EACCES']);
    renameWithRetry('a', 'b', fake.rename, (ms) => waits.push(ms));
    assert.equal(fake.calls, 4);
    assert.equal(waits.length, 3);
    assert.ok(waits[2]! > waits[0]!, 'backs off');
  });

  it('gives up after a few tries', () => {
    const fake = failing(Array(50).fill('EPERM'));
    assert.throws(() => renameWithRetry('a', 'b', fake.rename, () => {}), { code: 'EPERM' });
    assert.ok(fake.calls < 10);
  });

  it('does not retry other errors', () => {
    const fake = failing(['ENOENT']);
    assert.throws(() => renameWithRetry('a', 'b', fake.rename, () => {}), { code: 'ENOENT' });
    assert.equal(fake.calls, 1);
  });
});

describe('writeFileAtomic', () => {
  it('leaves the old content and no temp file when the rename fails for good', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atomic-'));
    try {
      const path = join(dir, 'file.json');
      writeFileAtomic(path, 'old');
      const fake = failing(Array(50).fill('EBUSY'));
      assert.throws(() => writeFileAtomic(path, 'new', 0o600, { rename: fake.rename, sleep: () => {} }));
      assert.equal(readFileSync(path, 'utf8'), 'old');
      assert.deepEqual(readdirSync(dir), ['file.json']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs the before-rename hook after the data is on disk and before the file appears', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atomic-'));
    try {
      const path = join(dir, 'file.json');
      let seen: string[] = [];
      writeFileAtomic(path, 'new', 0o600, { beforeRename: () => (seen = readdirSync(dir)) });
      assert.equal(seen.length, 1);
      assert.match(seen[0]!, /^\.file\.json\.\d+\.tmp$/);
      assert.ok(existsSync(path));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
