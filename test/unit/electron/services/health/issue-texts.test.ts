// Each issue says what is wrong and what to change, in words an admin can act on; probe verdicts
// keep the diagnosis library's sentence and add a fix for every code it can return.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import {
  callsAtLimit,
  optionsErrorResponse,
  ownCertificate,
  PROBE_FIXES,
  probeVerdict,
  registrationFailed,
} from '../../../../../electron/services/health/issue-texts.ts';
import { DIAGNOSIS_CODES } from '../../../../../sbc-engine/diag/diagnosis.ts';

it('has a fix for every diagnosis code, each a whole sentence', () => {
  assert.deepEqual(Object.keys(PROBE_FIXES).sort(), [...DIAGNOSIS_CODES].sort());
  for (const [code, fix] of Object.entries(PROBE_FIXES)) assert.match(fix, /^[A-Z].*\.$/, code);
});

it('a probe verdict keeps the probe sentence as the cause and names the trusted-CA fix', () => {
  const issue = probeVerdict('tls:sip.pstnhub.microsoft.com:5061', 'TLS_UNKNOWN_CA', 'critical', 'CN=DigiCert Global Root G2 is not in this connection\'s trusted CAs, so …'); // prettier-ignore
  assert.equal(issue.code, 'PROBE_TLS_UNKNOWN_CA');
  assert.match(issue.cause, /DigiCert Global Root G2 is not in/);
  assert.match(issue.fix, /trusted CAs of this connection's TLS profile/);
});

it('an error answer reuses the diagnosis sentence, with the reason phrase when the code is known', () => {
  assert.equal(
    optionsErrorResponse('udp:10.0.0.1:5060', 403).cause,
    'udp:10.0.0.1:5060 answered the OPTIONS with 403 Forbidden: it is alive but refuses this sender (check its allowlist of addresses).',
  );
  assert.equal(
    optionsErrorResponse('udp:10.0.0.1:5060', 499).cause,
    'udp:10.0.0.1:5060 answered the OPTIONS with 499.',
  );
});

it('a certificate warns with its days left and is critical once expired', () => {
  const soon = ownCertificate('sbc.example.com 2025', 12.7);
  assert.equal(soon.code, 'CERT_EXPIRING');
  assert.match(soon.cause, /expires in 12 days/);
  assert.equal(ownCertificate('old', -1).severity, 'critical');
});

it('a failed registration gives the fix for its reason', () => {
  assert.match(registrationFailed('reg.example', 'credentials', null).fix, /password/);
  assert.match(registrationFailed('reg.example', 'timeout', null).cause, /reg\.example failed \(timeout\)/);
  assert.match(callsAtLimit(3, 20).cause, /limit of 20 concurrent calls/);
});
