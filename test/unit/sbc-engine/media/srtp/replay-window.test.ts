// RFC 3711 §3.3.2: a duplicate inside the window and anything older than the window are refused.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ReplayWindow } from '../../../../../sbc-engine/media/srtp/replay-window.ts';

describe('ReplayWindow', () => {
  it('accepts new indices, refuses duplicates, and refuses what fell out of the 64-packet window', () => {
    const window = new ReplayWindow();
    assert.equal(window.check(1000), 'new');
    window.accept(1000);
    assert.equal(window.check(1000), 'replayed');
    assert.equal(window.check(999), 'new', 'a late packet inside the window is still new');
    window.accept(999);
    assert.equal(window.check(999), 'replayed');
    assert.equal(window.check(1000 - 63), 'new');
    assert.equal(window.check(1000 - 64), 'too-old');
  });

  it('forgets the bits of indices that slide back into the ring after a jump', () => {
    const window = new ReplayWindow(64);
    window.accept(5);
    window.accept(5 + 64); // same ring slot as 5
    assert.equal(window.check(5 + 64), 'replayed');
    window.accept(5 + 200);
    assert.equal(window.check(5 + 64), 'too-old');
    for (let i = 5 + 137; i < 5 + 200; i++) assert.equal(window.check(i), 'new', `index ${i}`);
  });

  it('honours a larger window', () => {
    const window = new ReplayWindow(1024);
    window.accept(5000);
    assert.equal(window.check(5000 - 1000), 'new');
    assert.equal(window.check(5000 - 1024), 'too-old');
  });

  it('refuses a window below the RFC minimum of 64', () => {
    assert.throws(() => new ReplayWindow(32), /64/);
  });
});
