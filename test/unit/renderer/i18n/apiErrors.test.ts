import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../../electron/api/contract.ts';
import { CONNECTION_LOST_MESSAGE } from '../../../../renderer/api/socketProtocol.ts';
import { describeApiError, fieldError } from '../../../../renderer/i18n/apiErrors.ts';
import { strings } from '../../../../renderer/i18n/errorStrings.ts';

describe('describeApiError', () => {
  it('has a translated sentence for every error code of the contract', () => {
    for (const code of ErrorCode.options) {
      const text = describeApiError({ code, message: 'server says' }, 30);
      assert.ok(text.key, code);
      assert.ok(Object.hasOwn(strings.en, text.key!), `${code} → ${text.key}`);
      assert.ok(Object.hasOwn(strings.de, text.key!), `${code} → ${text.key}`);
    }
  });

  it('counts a lock-out down and says when it is over', () => {
    assert.deepEqual(describeApiError({ code: 'locked-out', message: 'm', retryAfterSeconds: 60 }, 42.2), {
      key: 'locked-out',
      values: { seconds: 43 },
      fallback: 'm',
    });
    assert.equal(describeApiError({ code: 'locked-out', message: 'm' }, 0).key, 'locked-out-over');
    assert.equal(describeApiError({ code: 'locked-out', message: 'm' }).key, 'locked-out-later');
  });

  it('keeps the server message as a detail where it names the concrete problem', () => {
    const text = describeApiError({
      code: 'invalid-input',
      message: '"x" is not a port number',
      field: 'address',
    });
    assert.equal(text.key, 'invalid-input');
    assert.equal(text.detail, '"x" is not a port number');
    assert.equal(describeApiError({ code: 'wrong-password', message: 'wrong password' }).detail, undefined);
  });

  it('tells a lost connection to SBC Studio apart from an unreachable engine', () => {
    assert.equal(
      describeApiError({ code: 'unreachable', message: CONNECTION_LOST_MESSAGE }).key,
      'connection-lost',
    );
    const engine = describeApiError({ code: 'unreachable', message: 'connect ECONNREFUSED 127.0.0.1:8743' });
    assert.equal(engine.key, 'unreachable');
    assert.equal(engine.detail, 'connect ECONNREFUSED 127.0.0.1:8743');
  });

  it('puts the password rule into the weak-password message', () => {
    assert.deepEqual(describeApiError({ code: 'weak-password', message: 'm' }).values, { min: 12 });
  });

  it("falls back to the server's message for a code it does not know", () => {
    const text = describeApiError({ code: 'brand-new' as never, message: 'Something new happened.' });
    assert.equal(text.key, undefined);
    assert.equal(text.fallback, 'Something new happened.');
  });
});

describe('fieldError', () => {
  it('returns the error only for the field it names', () => {
    const error = { code: 'invalid-input' as const, message: 'm', field: 'address' };
    assert.equal(fieldError(error, 'address'), error);
    assert.equal(fieldError(error, 'name'), undefined);
    assert.equal(fieldError(undefined, 'address'), undefined);
  });
});
