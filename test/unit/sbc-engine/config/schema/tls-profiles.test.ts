import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import type { NameCheck } from '../../../../../sbc-engine/certs/name-match.ts';
import { parseRootIndex } from '../../../../../sbc-engine/certs/bundled-roots.ts';
import {
  MUTUAL_AUTH_MODES,
  NAME_CHECKS,
  TLS_VERSIONS,
  TlsProfile,
  TrustedCaRef,
} from '../../../../../sbc-engine/config/schema/index.ts';
import {
  serverTlsOptions,
  type MutualAuth,
  type TlsPeerPolicy,
} from '../../../../../sbc-engine/transport/tls-policy.ts';

// The config lists the engine's TLS choices as values (the renderer cannot import the engine's
// transport code); these lines stop compiling when the two drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const mutualAuthInStep: Same<(typeof MUTUAL_AUTH_MODES)[number], MutualAuth> = true;
const nameCheckInStep: Same<(typeof NAME_CHECKS)[number], NameCheck> = true;
const versionsInStep: Same<(typeof TLS_VERSIONS)[number], NonNullable<TlsPeerPolicy['minVersion']>> = true;

it('a TLS profile from the config drives the TLS policy the transport uses', () => {
  assert.ok(mutualAuthInStep && nameCheckInStep && versionsInStep);
  const profile = TlsProfile.parse({ id: 'teams', name: 'Teams', mutualAuth: 'require' });
  const options = serverTlsOptions(
    { nameCheck: profile.peerNameCheck, minVersion: profile.minVersion },
    profile.mutualAuth,
  );
  assert.equal(options.minVersion, 'TLSv1.2');
  assert.equal(options.requestCert, true);
  assert.equal(options.rejectUnauthorized, true);
});

it('every root bundled in resources/ca/ can be named in a profile', () => {
  const text = readFileSync(new URL('../../../../../resources/ca/index.json', import.meta.url), 'utf8');
  const names = parseRootIndex(text).roots.map((root) => root.name);
  assert.ok(names.includes('DigiCert Global Root G2'));
  for (const name of names) {
    assert.ok(TrustedCaRef.safeParse({ source: 'bundled', name }).success, name);
  }
});

it('the same CA listed twice in one profile is refused, whatever its case', () => {
  const result = TlsProfile.safeParse({
    id: 'teams',
    name: 'Teams',
    trustedCas: [
      { source: 'bundled', name: 'DigiCert Global Root G2' },
      { source: 'bundled', name: 'digicert global root g2 ' },
    ],
  });
  assert.ok(!result.success);
  assert.deepEqual(result.error.issues[0]!.path, ['trustedCas', 1]);
});
