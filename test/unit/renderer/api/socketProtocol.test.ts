import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CONNECTION_LOST_MESSAGE,
  decodeReply,
  encodeCall,
  PendingCalls,
  reconnectDelayMs,
  unreachableResult,
} from '../../../../renderer/api/socketProtocol.ts';

describe('socket protocol framing', () => {
  it('encodes a call as the host expects it', () => {
    assert.deepEqual(JSON.parse(encodeCall({ id: 7, method: 'engines.list', input: {} })), {
      id: 7,
      method: 'engines.list',
      input: {},
    });
  });

  it('sends an empty object when a call has no input', () => {
    assert.deepEqual(JSON.parse(encodeCall({ id: 1, method: 'app.info', input: undefined })).input, {});
  });

  it('decodes success and error replies', () => {
    assert.deepEqual(decodeReply('{"id":3,"result":{"ok":true,"value":[1]}}'), {
      id: 3,
      result: { ok: true, value: [1] },
    });
    const failed = decodeReply(
      '{"id":4,"result":{"ok":false,"error":{"code":"locked-out","message":"m","retryAfterSeconds":60}}}',
    );
    assert.equal(failed?.result.ok, false);
    assert.equal(!failed?.result.ok && failed?.result.error.retryAfterSeconds, 60);
  });

  const malformed: [string, string][] = [
    ['not JSON', '{'],
    ['no id', '{"result":{"ok":true,"value":1}}'],
    [
      'null id (host could not parse our call)',
      '{"id":null,"result":{"ok":false,"error":{"code":"invalid-input","message":"x"}}}',
    ],
    ['no result', '{"id":1}'],
    ['ok without value', '{"id":1,"result":{"ok":true}}'],
    ['error without code', '{"id":1,"result":{"ok":false,"error":{"message":"x"}}}'],
    ['a bare array', '[1,2]'],
  ];
  for (const [name, text] of malformed) {
    it(`rejects a reply with ${name}`, () => assert.equal(decodeReply(text), undefined));
  }
});

describe('PendingCalls', () => {
  it('gives every call its own increasing id and settles the right one', async () => {
    const pending = new PendingCalls();
    const a = pending.add('engines.list', {});
    const b = pending.add('settings.get', undefined);
    assert.equal(b.frame.id, a.frame.id + 1);
    assert.deepEqual(b.frame.input, {});
    assert.equal(pending.settle({ id: b.frame.id, result: { ok: true, value: 'b' } }), true);
    assert.deepEqual(await b.result, { ok: true, value: 'b' });
    assert.equal(pending.size, 1);
  });

  it('ignores a reply nobody waits for', () => {
    assert.equal(new PendingCalls().settle({ id: 99, result: { ok: true, value: 1 } }), false);
  });

  it('lists only unsent calls, oldest first', () => {
    const pending = new PendingCalls();
    const a = pending.add('a.x', {});
    const b = pending.add('b.y', {});
    pending.markSent(a.frame.id);
    assert.deepEqual(
      pending.unsent().map((f) => f.id),
      [b.frame.id],
    );
  });

  it('fails every call, sent or queued, when the connection is lost', async () => {
    const pending = new PendingCalls();
    const a = pending.add('a.x', {});
    const b = pending.add('b.y', {});
    pending.markSent(a.frame.id);
    assert.equal(pending.failAll(unreachableResult()), 2);
    for (const call of [a, b]) {
      const result = await call.result;
      assert.equal(result.ok, false);
      assert.equal(!result.ok && result.error.code, 'unreachable');
      assert.equal(!result.ok && result.error.message, CONNECTION_LOST_MESSAGE);
    }
    assert.equal(pending.size, 0);
  });
});

describe('reconnectDelayMs', () => {
  it('backs off from 250 ms, doubling, and stops at 5 s', () => {
    assert.deepEqual([0, 1, 2, 3, 4, 5, 10].map(reconnectDelayMs), [250, 500, 1000, 2000, 4000, 5000, 5000]);
  });
});
