import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  bytesToBase64,
  configBlocked,
  formatSize,
  missingItems,
  passphraseProblem,
} from '../../../../../renderer/pages/backups/backupViewModel.ts';

describe('backup view model', () => {
  it('checks the passphrase: empty means no secrets, else 8+ characters typed twice alike', () => {
    const table: [string, string, ReturnType<typeof passphraseProblem>][] = [
      ['', '', undefined],
      ['', 'x', 'mismatch'],
      ['short', 'short', 'tooShort'],
      ['long enough', 'long enough', undefined],
      ['long enough', 'long enougH', 'mismatch'],
    ];
    for (const [passphrase, repeated, expected] of table) {
      assert.equal(passphraseProblem(passphrase, repeated), expected, `${passphrase}/${repeated}`);
    }
  });

  it('lists each secret a restore lacks, and blocks the config only for its own secrets', () => {
    const missing = {
      configSecrets: ['connections[0].registration.password'],
      historyVersions: [3],
      privateKeys: [{ id: '0123456789abcdef', label: 'Teams SBC' }],
      adminPassword: true,
    };
    assert.deepEqual(
      missingItems(missing).map((item) => item.key),
      ['missing.configSecret', 'missing.historyVersion', 'missing.privateKey', 'missing.adminPassword'],
    );
    assert.equal(configBlocked(missing), true);
    const keysOnly = { ...missing, configSecrets: [] };
    assert.equal(configBlocked(keysOnly), false);
    assert.deepEqual(missingItems({ configSecrets: [], historyVersions: [], privateKeys: [], adminPassword: false }), []); // prettier-ignore
  });

  it('formats sizes and encodes picked bytes as base64', () => {
    assert.equal(formatSize(512), '512 B');
    assert.equal(formatSize(2048), '2.0 KB');
    assert.equal(formatSize(3 * 1024 * 1024), '3.00 MB');
    const bytes = new Uint8Array(100_000).map((_, i) => i % 256);
    assert.equal(bytesToBase64(bytes), Buffer.from(bytes).toString('base64'));
  });
});
