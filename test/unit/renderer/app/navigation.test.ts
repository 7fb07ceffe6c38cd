import assert from 'node:assert/strict';
import { it } from 'node:test';
import {
  hashForPage,
  isAvailable,
  nextIndex,
  pageFromHash,
  PAGES,
} from '../../../../renderer/app/navigation.ts';
import { en } from '../../../../renderer/app/strings.ts';

it('lists the pages in the order of the product', () => {
  assert.deepEqual(
    PAGES.map((p) => p.id),
    ['engines', 'configuration', 'certificates', 'health', 'syslog', 'operations', 'backups'],
  );
  for (const page of PAGES) assert.ok(en.nav[page.id], page.id);
});

it('only Engines, Configuration, Certificates, Health, Syslog, Operations and Backups work in this release; the others must not pretend to', () => {
  assert.deepEqual(
    PAGES.filter((p) => isAvailable(p.id)).map((p) => p.id),
    ['engines', 'configuration', 'certificates', 'health', 'syslog', 'operations', 'backups'],
  );
});

it('reads and writes the page in the address fragment', () => {
  assert.equal(pageFromHash('#/syslog'), 'syslog');
  assert.equal(pageFromHash('#backups'), 'backups');
  assert.equal(pageFromHash(''), 'engines');
  assert.equal(pageFromHash('#/nonsense'), 'engines');
  assert.equal(pageFromHash(hashForPage('health')), 'health');
});

it('moves through a list with arrow keys, wrapping, and Home/End', () => {
  assert.equal(nextIndex('ArrowDown', 0, 3), 1);
  assert.equal(nextIndex('ArrowDown', 2, 3), 0);
  assert.equal(nextIndex('ArrowUp', 0, 3), 2);
  assert.equal(nextIndex('Home', 2, 3), 0);
  assert.equal(nextIndex('End', 0, 3), 2);
  assert.equal(nextIndex('Enter', 0, 3), undefined);
  assert.equal(nextIndex('ArrowDown', 0, 0), undefined);
});
