import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { findElectronExecutable } from '../../../../electron/cli/electron-runtime.ts';

function fakePackage(): string {
  const root = mkdtempSync(join(tmpdir(), 'sbc-electron-'));
  mkdirSync(join(root, 'node_modules', 'electron'), { recursive: true });
  return root;
}

it('finds no runtime when the electron package never downloaded it', () => {
  const root = fakePackage();
  assert.equal(findElectronExecutable(root, {}), undefined);
  writeFileSync(join(root, 'node_modules', 'electron', 'path.txt'), 'electron');
  assert.equal(findElectronExecutable(root, {}), undefined, 'path.txt without the binary');
});

it('finds the executable the electron package recorded', () => {
  const root = fakePackage();
  writeFileSync(join(root, 'node_modules', 'electron', 'path.txt'), 'electron');
  mkdirSync(join(root, 'node_modules', 'electron', 'dist'));
  writeFileSync(join(root, 'node_modules', 'electron', 'dist', 'electron'), '');
  assert.equal(findElectronExecutable(root, {}), join(root, 'node_modules', 'electron', 'dist', 'electron'));
});
