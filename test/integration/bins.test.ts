// The package's two commands work after `npm ci && npm run build`.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { it } from 'node:test';
import packageJson from '../../package.json' with { type: 'json' };

const root = join(import.meta.dirname, '..', '..');

it('sbc-engine and sbc-studio answer --version and --help from the package bin', () => {
  for (const [name, path] of Object.entries(packageJson.bin)) {
    const bin = join(root, path);
    assert.equal(
      execFileSync(process.execPath, [bin, '--version'], { encoding: 'utf8' }).trim(),
      packageJson.version,
      name,
    );
    assert.match(execFileSync(process.execPath, [bin, '--help'], { encoding: 'utf8' }), /Usage: /, name);
  }
});

it('a wrong option gets a clear error and exit code 2, not a stack trace', () => {
  const result = spawnSync(
    process.execPath,
    [join(root, packageJson.bin['sbc-engine']), '--mgmt', '::1:99'],
    { encoding: 'utf8' },
  );
  assert.equal(result.status, 2);
  assert.match(result.stderr, /--mgmt: .*brackets/);
  assert.doesNotMatch(result.stderr, /at .*\.js:\d+/);
});
