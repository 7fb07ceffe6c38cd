// The management API of a real sbc-engine process on loopback.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { json, mgmtRequest, startEngineProcess, type EngineProcess } from '../../helpers/engine-process.ts';

const PASSWORD = 'correct horse battery';

function vmRssKiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'))!;
  return Number(line.replace(/\D+/g, ''));
}

describe('sbc-engine management API', () => {
  let engine: EngineProcess;
  let setupKey: string;

  before(async () => {
    engine = await startEngineProcess();
    setupKey = readFileSync(`${engine.dataDir}/setup-key`, 'utf8').trim();
  });
  after(() => engine.stop());

  it('prints the setup key and the first characters of the certificate fingerprint on first start', async () => {
    const identity = await mgmtRequest(engine.port, 'GET', '/identity');
    const prefix = identity.body.managementFingerprint.split(':').slice(0, 8).join(':');
    assert.ok(engine.output().includes(`Setup key: ${setupKey}`), engine.output());
    assert.ok(engine.output().includes(prefix), 'fingerprint prefix on the console');
  });

  it('answers /identity without login, unprovisioned', async () => {
    const { status, body } = await mgmtRequest(engine.port, 'GET', '/identity');
    assert.equal(status, 200);
    assert.equal(body.provisioned, false);
    assert.equal(body.apiVersion, 1);
    assert.match(body.managementFingerprint, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    assert.deepEqual(body.sipListen, []);
  });

  it('refuses /status without a session', async () => {
    const { status, body } = await mgmtRequest(engine.port, 'GET', '/status');
    assert.equal(status, 401);
    assert.equal(body.error.code, 'unauthorized');
  });

  it('refuses login before setup', async () => {
    const { status, body } = await mgmtRequest(engine.port, 'POST', '/login', {
      body: json({ password: PASSWORD }),
    });
    assert.equal(status, 409);
    assert.equal(body.error.code, 'not-provisioned');
  });

  it('refuses a wrong setup key and a short password, naming the field', async () => {
    const wrongKey = await mgmtRequest(engine.port, 'POST', '/setup', {
      body: json({ setupKey: 'AAAAA-AAAAA-AAAAA-AAAAA', password: PASSWORD }),
      localAddress: '127.0.0.3',
    });
    assert.equal(wrongKey.status, 403);
    assert.equal(wrongKey.body.error.field, 'setupKey');
    const shortPassword = await mgmtRequest(engine.port, 'POST', '/setup', {
      body: json({ setupKey, password: 'short' }),
    });
    assert.equal(shortPassword.status, 400);
    assert.equal(shortPassword.body.error.field, 'password');
    assert.equal((await mgmtRequest(engine.port, 'GET', '/identity')).body.provisioned, false);
  });

  it('sets up with the key, which then stops working', async () => {
    const first = await mgmtRequest(engine.port, 'POST', '/setup', {
      body: json({ setupKey: setupKey.toLowerCase(), password: PASSWORD }),
    });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal((await mgmtRequest(engine.port, 'GET', '/identity')).body.provisioned, true);
    const reused = await mgmtRequest(engine.port, 'POST', '/setup', {
      body: json({ setupKey, password: 'another password 123' }),
    });
    assert.equal(reused.status, 409);
    assert.equal(reused.body.error.code, 'already-provisioned');
    const stored = readFileSync(`${engine.dataDir}/admin.json`, 'utf8');
    assert.ok(!stored.includes(PASSWORD), 'the password is stored hashed');
    assert.match(stored, /"algorithm": "scrypt"/);
  });

  it('logs in and answers /status with the bearer token', async () => {
    const login = await mgmtRequest(engine.port, 'POST', '/login', { body: json({ password: PASSWORD }) });
    assert.equal(login.status, 200);
    const status = await mgmtRequest(engine.port, 'GET', '/status', { token: login.body.token });
    assert.equal(status.status, 200);
    assert.equal(status.body.provisioned, true);
    assert.ok(status.body.uptimeSeconds >= 0);
    assert.equal((await mgmtRequest(engine.port, 'GET', '/status', { token: 'forged' })).status, 401);
  });

  it('locks a source out after 5 failures, even for the right password, and leaves other sources alone', async () => {
    const source = '127.0.0.2';
    for (let i = 0; i < 5; i++) {
      const r = await mgmtRequest(engine.port, 'POST', '/login', {
        body: json({ password: `wrong ${i}` }),
        localAddress: source,
      });
      assert.equal(r.status, 401, `attempt ${i + 1}`);
    }
    const locked = await mgmtRequest(engine.port, 'POST', '/login', {
      body: json({ password: PASSWORD }),
      localAddress: source,
    });
    assert.equal(locked.status, 429);
    assert.ok(Number(locked.headers['retry-after']) >= 60, `Retry-After ${locked.headers['retry-after']}`);
    const other = await mgmtRequest(engine.port, 'POST', '/login', {
      body: json({ password: PASSWORD }),
      localAddress: '127.0.0.4',
    });
    assert.equal(other.status, 200);

    // Time passes (the engine's injected clock): the lock ends, the next failure locks for twice as long.
    engine.advanceClock(61_000);
    const wrongAgain = await mgmtRequest(engine.port, 'POST', '/login', {
      body: json({ password: 'wrong again' }),
      localAddress: source,
    });
    assert.equal(wrongAgain.status, 401);
    const relocked = await mgmtRequest(engine.port, 'POST', '/login', {
      body: json({ password: PASSWORD }),
      localAddress: source,
    });
    assert.equal(relocked.status, 429);
    assert.ok(
      Number(relocked.headers['retry-after']) >= 120,
      `Retry-After ${relocked.headers['retry-after']}`,
    );
    engine.advanceClock(121_000);
    const afterLock = await mgmtRequest(engine.port, 'POST', '/login', {
      body: json({ password: PASSWORD }),
      localAddress: source,
    });
    assert.equal(afterLock.status, 200);
  });

  it('answers 413 to a body over 1 MiB and 400 naming the JSON error', async () => {
    const big = await mgmtRequest(engine.port, 'POST', '/login', {
      body: json({ password: 'x'.repeat(1024 * 1024 + 10) }),
    });
    assert.equal(big.status, 413);
    const bad = await mgmtRequest(engine.port, 'POST', '/login', { body: '{"password": ' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, 'bad-json');
    assert.match(bad.body.error.message, /JSON/);
    const extra = await mgmtRequest(engine.port, 'POST', '/login', {
      body: json({ password: 'x', admin: true }),
    });
    assert.equal(extra.status, 400);
    assert.equal(extra.body.error.code, 'invalid-body');
  });

  it('stays up and grows less than 20 MB over 1,000 malformed requests', async () => {
    const pid = engine.child.pid!;
    const before = vmRssKiB(pid);
    const garbage = ['{', 'null', '[]', '{"password": 5}', '\u0000\u00ff', 'x'.repeat(5000)];
    for (let i = 0; i < 1000; i += 20) {
      await Promise.all(
        Array.from({ length: 20 }, (_, j) =>
          mgmtRequest(engine.port, 'POST', (i + j) % 2 ? '/login' : '/setup', {
            body: garbage[(i + j) % garbage.length]!,
            localAddress: '127.0.0.9',
          }),
        ),
      );
    }
    const growthMiB = (vmRssKiB(pid) - before) / 1024;
    assert.ok(growthMiB < 20, `grew by ${growthMiB.toFixed(1)} MiB`);
    assert.equal((await mgmtRequest(engine.port, 'GET', '/identity')).status, 200);
  });

  it('unknown paths and wrong methods get JSON errors', async () => {
    assert.equal((await mgmtRequest(engine.port, 'GET', '/nope')).status, 404);
    assert.equal((await mgmtRequest(engine.port, 'GET', '/login')).status, 405);
  });
});

describe('sbc-engine management API under concurrent attempts', () => {
  let engine: EngineProcess;
  after(() => engine?.stop());

  it('uses a setup key once even when two setups race, and locks out guesses sent in parallel', async () => {
    engine = await startEngineProcess();
    const setupKey = readFileSync(`${engine.dataDir}/setup-key`, 'utf8').trim();
    const setups = await Promise.all(
      ['first password 123', 'second password 456'].map((password) =>
        mgmtRequest(engine.port, 'POST', '/setup', { body: json({ setupKey, password }) }),
      ),
    );
    assert.deepEqual(setups.map((r) => r.status).sort(), [200, 409]);

    const guesses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        mgmtRequest(engine.port, 'POST', '/login', {
          body: json({ password: `guess ${i}` }),
          localAddress: '127.0.0.5',
        }),
      ),
    );
    const checked = guesses.filter((r) => r.status === 401).length;
    assert.ok(checked <= 5, `${checked} of 30 parallel guesses were checked; at most 5 may be`);
    assert.equal(guesses.filter((r) => r.status === 429).length, 30 - checked);
  });

  it('answers 413 to a chunked body over 1 MiB (no Content-Length to go by)', async () => {
    const { request } = await import('node:https');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: engine.port,
          method: 'POST',
          path: '/api/v1/login',
          rejectUnauthorized: false,
          headers: { 'transfer-encoding': 'chunked' },
        },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.on('error', reject);
      for (let i = 0; i < 17; i++) req.write(Buffer.alloc(64 * 1024, 'a'));
      req.end();
    });
    assert.equal(status, 413);
  });
});
