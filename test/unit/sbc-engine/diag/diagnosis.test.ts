// The diagnosis table: one sentence per code, the severity the CLI's exit code follows, and the
// documentation in sbc-engine/diag/DIAGNOSIS.md listing exactly the codes of the table.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  DIAGNOSES,
  DIAGNOSIS_CODES,
  diagnose,
  worstSeverity,
} from '../../../../sbc-engine/diag/diagnosis.ts';
import { alertName, diagnoseConnectFailure } from '../../../../sbc-engine/diag/tls-report.ts';

const DOC = readFileSync(
  join(import.meta.dirname, '..', '..', '..', '..', 'sbc-engine', 'diag', 'DIAGNOSIS.md'),
  'utf8',
);

describe('diagnosis table', () => {
  it('DIAGNOSIS.md documents every code with its severity, and no other', () => {
    const documented = [...DOC.matchAll(/^\| `([A-Z_]+)` \| (ok|warning|critical) \|/gm)].map((m) => [
      m[1],
      m[2],
    ]);
    assert.deepEqual(
      documented,
      DIAGNOSIS_CODES.map((code) => [code, DIAGNOSES[code].severity]),
    );
  });

  it('has the codes the health page and the tests rely on', () => {
    for (const code of ['TLS_UNKNOWN_CA', 'TLS_CHAIN_INCOMPLETE', 'TLS_EXPIRED', 'TLS_NOT_YET_VALID', 'TLS_NAME_MISMATCH', 'TLS_HANDSHAKE_REJECTED', 'TCP_REFUSED', 'UDP_NO_ANSWER', 'DNS_NXDOMAIN', 'SIP_ERROR_RESPONSE', 'SLOW', 'OK'])
      assert.ok(DIAGNOSIS_CODES.includes(code as never), code);
  }); // prettier-ignore

  it('every sentence is one plain sentence with its facts filled in', () => {
    const facts = { where: 'tls:sbc.example.com:5061', host: 'sbc.example.com', status: 407, reason: 'Proxy Authentication Required', rttMs: 12, slowMs: 10, timeoutMs: 2000, subject: 'CN=sbc', issuer: 'CN=DigiCert Global Root G2', date: '2025-01-01', detail: 'x' }; // prettier-ignore
    for (const code of DIAGNOSIS_CODES) {
      const { message } = diagnose(code, facts);
      assert.doesNotMatch(message, /undefined|\[object/, code);
      assert.match(message, /^[A-Za-z0-9CN=].*\.$/, code);
      assert.doesNotMatch(message.slice(0, -1), /\.\s+[A-Z]/, `${code}: one sentence`);
    }
    assert.match(diagnose('TLS_UNKNOWN_CA', facts).message, /^CN=DigiCert Global Root G2 is not in this connection's trusted CAs/);
    assert.match(diagnose('SIP_ERROR_RESPONSE', facts).message, /407 Proxy Authentication Required: it is alive but wants credentials/);
  }); // prettier-ignore

  it('the worst severity wins', () => {
    assert.equal(worstSeverity([]), 'ok');
    assert.equal(worstSeverity(['ok', 'warning', 'ok']), 'warning');
    assert.equal(worstSeverity(['warning', 'critical', 'ok']), 'critical');
  });
});

describe('connection failures', () => {
  const where = { where: 'tls:sbc.example.com:5061' };
  const rows: [string | undefined, 'udp' | 'tcp' | 'tls', boolean, string][] = [
    ['ECONNREFUSED', 'udp', true, 'UDP_UNREACHABLE'],
    ['ECONNREFUSED', 'tcp', false, 'TCP_REFUSED'],
    ['ECONNREFUSED', 'tls', false, 'TCP_REFUSED'],
    ['ETIMEDOUT', 'tcp', false, 'CONNECT_TIMEOUT'],
    ['EHOSTUNREACH', 'udp', false, 'NETWORK_UNREACHABLE'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'tls', false, 'TLS_NOT_SPOKEN'],
    ['ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION', 'tls', false, 'TLS_VERSION_MISMATCH'],
    ['ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED', 'tls', true, 'TLS_HANDSHAKE_REJECTED'],
    ['ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE', 'tls', false, 'TLS_HANDSHAKE_REJECTED'],
    ['ECONNRESET', 'tls', false, 'TLS_HANDSHAKE_REJECTED'],
    ['ECONNRESET', 'tls', true, 'CONNECTION_CLOSED'],
    ['CLOSED', 'tcp', true, 'CONNECTION_CLOSED'],
    [undefined, 'tcp', true, 'TRANSPORT_ERROR'],
  ];
  for (const [code, transport, handshakeDone, expected] of rows) {
    it(`${code ?? 'no code'} on ${transport}${handshakeDone ? ' after connecting' : ''} → ${expected}`, () => {
      assert.equal(diagnoseConnectFailure(code, 'detail', transport, handshakeDone, where).code, expected);
    });
  }

  it('names TLS alerts in words', () => {
    assert.equal(alertName('ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED'), 'TLS alert: certificate required');
    assert.equal(alertName('ERR_SSL_TLSV1_ALERT_UNKNOWN_CA'), 'TLS alert: unknown ca');
  });
});
