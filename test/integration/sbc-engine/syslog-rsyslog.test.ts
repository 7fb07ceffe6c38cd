// The engine's syslog against rsyslog as the receiver: a certificate that expires in 20 days is
// reported as CERT_EXPIRY over UDP when it is imported, and over TCP (octet counting) when the
// engine starts with it in the store. rsyslog's own RFC 5424 parser has to find every field.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  ENGINE_SCRIPT,
  json,
  mgmtRequest,
  startEngineProcess,
  type EngineProcess,
} from '../../helpers/engine-process.ts';
import { createOpensslPki, daysFromNow, type OpensslPki } from '../../helpers/openssl-pki.ts';
import { freePort } from '../../helpers/ports.ts';
import { parseRfc5424, sdParams } from '../../helpers/rfc5424-parser.ts';
import { startRsyslog, type RsyslogLine, type RsyslogPeer } from '../../helpers/rsyslog.ts';

const PASSWORD = 'correct horse battery';

/** rsyslog's %structured-data% as params, read by the test's RFC 5424 parser. */
function params(line: RsyslogLine, id: string): Record<string, string> | undefined {
  return sdParams(parseRfc5424(`<0>1 - - - - - ${line.structuredData}`), id);
}

/** The engine's log lines arrive through a pipe: wait (bounded) for one rather than race it. */
async function waitForOutput(engine: EngineProcess, pattern: RegExp): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!pattern.test(engine.output())) {
    if (Date.now() > deadline) assert.fail(`no line matching ${pattern} in:\n${engine.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function login(engine: EngineProcess): Promise<string> {
  const setupKey = readFileSync(`${engine.dataDir}/setup-key`, 'utf8').trim();
  const setup = await mgmtRequest(engine.port, 'POST', '/setup', {
    body: json({ setupKey, password: PASSWORD }),
  });
  assert.equal(setup.status, 200, JSON.stringify(setup.body));
  const answer = await mgmtRequest(engine.port, 'POST', '/login', { body: json({ password: PASSWORD }) });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body.token as string;
}

describe('sbc-engine syslog to rsyslog', () => {
  let rsyslog: RsyslogPeer;
  let pki: OpensslPki;
  let engine: EngineProcess | undefined;
  let dataDir: string;
  let certId: string;
  let notAfter: string;

  before(async () => {
    pki = createOpensslPki('rsa');
    rsyslog = await startRsyslog();
  });
  after(async () => {
    await engine?.stop();
    await rsyslog?.stop();
    pki?.cleanup();
    if (dataDir) rmSync(join(dataDir, '..'), { recursive: true, force: true });
  });

  function assertCertExpiry(line: RsyslogLine, procId: string): void {
    assert.equal(line.appName, 'sbc-engine');
    assert.equal(line.procId, procId);
    assert.equal(line.severity, 'warning');
    assert.equal(line.facility, 'local0');
    assert.deepEqual(params(line, 'meta'), { sequenceId: '1' }, 'the first message since the engine started');
    assert.deepEqual(params(line, 'sbc@32473'), {
      certId,
      label: 'Teams SBC',
      subject: 'O=SBC Studio Tests, CN=sbc.example.com',
      notAfter,
      daysLeft: '19',
      threshold: '30d',
    });
    assert.equal(
      line.msg,
      `certificate "Teams SBC" (O=SBC Studio Tests, CN=sbc.example.com) expires in 19 days, on ${notAfter}; renew it soon`,
    );
  }

  it('UDP: warns as soon as a certificate that expires in 20 days is imported', async () => {
    engine = await startEngineProcess({ args: ['--syslog', `udp:127.0.0.1:${rsyslog.port}`] });
    dataDir = engine.dataDir;
    const token = await login(engine);
    const leaf = pki.leaf({ commonName: 'sbc.example.com', notAfter: daysFromNow(20) });
    notAfter = new X509Certificate(leaf.certPem).validToDate.toISOString();
    const pfx = readFileSync(pki.pkcs12('soon.pfx', leaf, [pki.intermediate], 'pfx-secret'));
    const imported = await mgmtRequest(engine.port, 'POST', '/certificates/pkcs12', {
      token,
      body: json({ label: 'Teams SBC', dataBase64: pfx.toString('base64'), password: 'pfx-secret' }),
    });
    assert.equal(imported.status, 200, JSON.stringify(imported.body));
    certId = imported.body.id;
    const pid = String(engine.child.pid);
    const line = await rsyslog.waitFor((l) => l.msgId === 'CERT_EXPIRY' && l.procId === pid);
    assertCertExpiry(line, pid);
    await waitForOutput(engine, new RegExp(`\\[syslog\\] sending to udp:127\\.0\\.0\\.1:${rsyslog.port}`));
    await waitForOutput(engine, /\[certs\] certificate "Teams SBC" .* expires in 19 days/);
    await engine.stop();
  });

  it('TCP: warns at start about the certificate in the store, framed with octet counting', async () => {
    engine = await startEngineProcess({ dataDir, args: ['--syslog', `tcp:127.0.0.1:${rsyslog.port}`] });
    const pid = String(engine.child.pid);
    const line = await rsyslog.waitFor((l) => l.msgId === 'CERT_EXPIRY' && l.procId === pid);
    assertCertExpiry(line, pid);
    // Exactly one warning per threshold and day, although the engine checked at start.
    assert.equal(rsyslog.lines().filter((l) => l.procId === pid).length, 1);
  });

  it('runs on when the syslog target is down, and says so in its log', async () => {
    await engine?.stop();
    const closed = await freePort();
    engine = await startEngineProcess({ dataDir, args: ['--syslog', `tcp:127.0.0.1:${closed}`] });
    const identity = await mgmtRequest(engine.port, 'GET', '/identity');
    assert.equal(identity.status, 200);
    await waitForOutput(engine, /\[syslog\] cannot send/);
    const said = engine
      .output()
      .split('\n')
      .filter((line) => line.includes('[syslog] cannot send'));
    assert.equal(said.length, 1, engine.output());
    assert.match(said[0]!, new RegExp(`tcp:127\\.0\\.0\\.1:${closed} \\(.*ECONNREFUSED`));
    assert.match(engine.output(), /\[certs\] certificate "Teams SBC" .* expires in 19 days/);
  });
});

it('sbc-engine refuses a --syslog target it cannot use, naming the option', () => {
  const run = spawnSync(process.execPath, [ENGINE_SCRIPT, '--syslog', 'tls:127.0.0.1:6514'], {
    encoding: 'utf8',
    timeout: 15_000,
  });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /--syslog: "tls:127\.0\.0\.1:6514": expected udp:HOST:PORT or tcp:HOST:PORT/);
});
