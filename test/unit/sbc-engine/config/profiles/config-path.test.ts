// Paths as admins type them for --set, and what setting a value at one does.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getAtPath, parseConfigPath, setAtPath } from '../../../../../sbc-engine/config/profiles/index.ts';

describe('parseConfigPath', () => {
  const good: [string, (string | number)[]][] = [
    ['system.fqdn', ['system', 'fqdn']],
    ['connections[0].targets[1].port', ['connections', 0, 'targets', 1, 'port']],
    ['voip.listeners[2]', ['voip', 'listeners', 2]],
  ];
  for (const [text, keys] of good)
    it(text, () => assert.deepEqual(parseConfigPath(text), { ok: true, keys }));

  for (const text of ['', 'a..b', 'a[x]', '[0].a', 'a.', 'a b', '__proto__.polluted', 'a.constructor']) {
    it(`refuses ${JSON.stringify(text)}`, () => assert.equal(parseConfigPath(text).ok, false));
  }
});

describe('setAtPath', () => {
  it('creates objects on the way and may append to a list', () => {
    const root: Record<string, unknown> = { list: [{ a: 1 }] };
    assert.deepEqual(setAtPath(root, ['x', 'y'], 5), { ok: true });
    assert.deepEqual(setAtPath(root, ['list', 1, 'a'], 2), { ok: true });
    assert.deepEqual(root, { list: [{ a: 1 }, { a: 2 }], x: { y: 5 } });
    assert.equal(getAtPath(root, ['list', 1, 'a']), 2);
  });

  it('refuses a hole in a list, an index into an object and a field of a value, naming the path', () => {
    const root: Record<string, unknown> = { list: [], obj: {}, n: 3 };
    assert.deepEqual(setAtPath(root, ['list', 2], 1), {
      ok: false,
      path: 'list[2]',
      message: 'the list has 0 entries: use an index from 0 to 0',
    });
    assert.deepEqual(setAtPath(root, ['obj', 0], 1), {
      ok: false,
      path: 'obj[0]',
      message: 'obj is not a list',
    });
    assert.deepEqual(setAtPath(root, ['n', 'x'], 1), {
      ok: false,
      path: 'n.x',
      message: 'n holds a value, not fields',
    });
    assert.deepEqual(root, { list: [], obj: {}, n: 3 });
  });
});
