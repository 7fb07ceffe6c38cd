// The archive handed from the Backups page reaches the editor once: a later visit to the
// Configuration page does not load it (or its passphrase) again.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import {
  archiveSourceName,
  consumeArchiveHandoff,
  handOverArchive,
  peekArchiveHandoff,
} from '../../../../../renderer/pages/configuration/archiveHandoff.ts';

it('waits for the editor until consumed, with its origin and config', () => {
  assert.equal(peekArchiveHandoff(), undefined);
  const config = { system: { fqdn: 'sbc.example.com' } };
  const handoff = {
    origin: { label: 'a.sbcbackup', source: { name: 'a.sbcbackup' }, passphrase: 'p' },
    config,
  };
  handOverArchive(handoff);
  assert.equal(peekArchiveHandoff(), handoff, 'a second look (state initializer run twice) sees it too');
  assert.equal(peekArchiveHandoff()?.origin.passphrase, 'p');
  consumeArchiveHandoff(handoff);
  assert.equal(peekArchiveHandoff(), undefined, 'gone once the editor loaded it');
});

it('keeps a newer handoff when an older one is consumed', () => {
  const older = { origin: { label: 'a', source: { name: 'a.sbcbackup' } }, config: {} };
  const newer = { origin: { label: 'b', source: { name: 'b.sbcbackup' } }, config: {} };
  handOverArchive(older);
  handOverArchive(newer);
  consumeArchiveHandoff(older);
  assert.equal(peekArchiveHandoff(), newer);
  consumeArchiveHandoff(newer);
});

it('names the editor source after the file, without the extension', () => {
  assert.equal(archiveSourceName('sbc-berlin-2026-03-01.sbcbackup'), 'sbc-berlin-2026-03-01');
  assert.equal(archiveSourceName('.sbcbackup'), 'archive');
});
