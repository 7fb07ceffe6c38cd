import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  canLeaveFingerprintStep,
  checkCredentials,
  checkFingerprint,
  setupRequest,
} from '../../../../../renderer/pages/engines/setupWizard.ts';

const FP = 'AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99';
const EVIL = FP.replace(/99$/, '98');

describe('step 1: comparing the certificate', () => {
  it('compares the bundled engine automatically and lets the user go on only after confirming', () => {
    const check = checkFingerprint({ bundled: true, seenFingerprint: FP, expectedFingerprint: FP }, '');
    assert.deepEqual(check, { kind: 'automatic', verdict: 'match' });
    assert.equal(canLeaveFingerprintStep(check, false), false);
    assert.equal(canLeaveFingerprintStep(check, true), true);
  });

  it('stops the user when the bundled engine shows another certificate, even if they tick the box', () => {
    const check = checkFingerprint({ bundled: true, seenFingerprint: EVIL, expectedFingerprint: FP }, '');
    assert.deepEqual(check, { kind: 'automatic', verdict: 'mismatch' });
    assert.equal(canLeaveFingerprintStep(check, true), false);
  });

  it('asks for the printed prefix when the bundled certificate cannot be read', () => {
    const check = checkFingerprint({ bundled: true, seenFingerprint: FP }, 'AA:BB:CC:DD:EE:FF:00:11');
    assert.equal(check.kind, 'typed');
    assert.equal(canLeaveFingerprintStep(check, true), true);
  });

  it('for a remote engine requires a matching typed prefix and the confirmation', () => {
    const engine = { bundled: false, seenFingerprint: FP };
    assert.equal(canLeaveFingerprintStep(checkFingerprint(engine, ''), true), false);
    assert.equal(canLeaveFingerprintStep(checkFingerprint(engine, 'AA:BB:CC'), true), false);
    assert.equal(canLeaveFingerprintStep(checkFingerprint(engine, 'aabbccddeeff0011'), false), false);
    assert.equal(canLeaveFingerprintStep(checkFingerprint(engine, 'aabbccddeeff0011'), true), true);
    assert.equal(canLeaveFingerprintStep(checkFingerprint(engine, 'aabbccddeeff0012'), true), false);
  });

  it('cannot go on without a certificate to compare', () => {
    const check = checkFingerprint({ bundled: true, expectedFingerprint: FP }, '');
    assert.deepEqual(check, { kind: 'no-certificate' });
    assert.equal(canLeaveFingerprintStep(check, true), false);
  });
});

describe('step 2: setup key and password', () => {
  const good = { setupKey: 'ABCD-EFGH', password: 'twelve chars', repeat: 'twelve chars' };

  it('accepts a setup key and a 12-character password typed twice', () => {
    assert.equal(checkCredentials(good).canSubmit, true);
  });

  it('refuses an 11-character password', () => {
    const check = checkCredentials({ ...good, password: 'eleven char', repeat: 'eleven char' });
    assert.equal(check.password, 'too-short');
    assert.equal(check.canSubmit, false);
  });

  it('refuses a repetition that differs', () => {
    const check = checkCredentials({ ...good, repeat: 'twelve chars!' });
    assert.equal(check.repeat, 'mismatch');
    assert.equal(check.canSubmit, false);
  });

  it('refuses a missing setup key', () => {
    assert.equal(checkCredentials({ ...good, setupKey: '  ' }).setupKey, 'missing');
    assert.equal(checkCredentials({ ...good, setupKey: '  ' }).canSubmit, false);
  });

  it('trusts exactly the fingerprint the user compared and trims the key', () => {
    assert.deepEqual(
      setupRequest({ id: 'bundled', seenFingerprint: FP }, { ...good, setupKey: ' ABCD-EFGH\n' }),
      {
        engineId: 'bundled',
        setupKey: 'ABCD-EFGH',
        password: 'twelve chars',
        trustFingerprint: FP,
      },
    );
    assert.throws(() => setupRequest({ id: 'x' }, good));
  });
});
