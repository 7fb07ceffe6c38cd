// Crash safety of apply: a real engine is killed with SIGKILL at a random moment while it writes a
// config, 50 times on the same data folder. The test hook SBC_ENGINE_TEST_PAUSE_BEFORE_RENAME holds
// each config write between fsync and rename, so kills land inside writes as well as between them.
// Every restart must boot, and boot a whole config: the one before the apply or the one applied
// (and for an apply with confirmation, which is never confirmed here, the one before).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { json, mgmtRequest, startEngineProcess, type EngineProcess } from '../../helpers/engine-process.ts';

const PASSWORD = 'correct horse battery';
const ITERATIONS = 50;
const PAUSE_MS = 25;

/** A small seeded generator, so that a failing run can be told apart and repeated. */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

async function killHard(engine: EngineProcess): Promise<void> {
  if (engine.child.exitCode !== null || engine.child.signalCode !== null) return;
  const exited = new Promise((resolve) => engine.child.once('exit', resolve));
  engine.child.kill('SIGKILL');
  await exited;
}

async function login(engine: EngineProcess): Promise<string> {
  const answer = await mgmtRequest(engine.port, 'POST', '/login', { body: json({ password: PASSWORD }) });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body.token as string;
}

/** Two fields written together: a config mixed from two applies would show different generations. */
function generationOf(config: { system: { name: string }; voip: { userAgent: string } }): number {
  const name = /^gen-(\d+)$/.exec(config.system.name);
  const agent = /^sbc gen-(\d+)$/.exec(config.voip.userAgent);
  if (!name && !agent) return 0; // the initial config
  assert.ok(
    name && agent && name[1] === agent[1],
    `a mixed config: ${config.system.name} / ${config.voip.userAgent}`,
  );
  return Number(name[1]);
}

describe('sbc-engine config writes under kill -9', () => {
  let engine: EngineProcess | undefined;
  after(async () => {
    if (engine) await killHard(engine);
  });

  it(
    `boots an intact old or new config after ${ITERATIONS} kills during apply`,
    { timeout: 120_000 },
    async () => {
      const seed = Date.now();
      const next = random(seed);
      const env = { SBC_ENGINE_TEST_PAUSE_BEFORE_RENAME: String(PAUSE_MS) };
      engine = await startEngineProcess({ env });
      const { dataDir, port } = engine;
      const setupKey = readFileSync(join(dataDir, 'setup-key'), 'utf8').trim();
      const setup = await mgmtRequest(port, 'POST', '/setup', {
        body: json({ setupKey, password: PASSWORD }),
      });
      assert.equal(setup.status, 200);
      let booted = 0; // the generation the engine runs
      const outcomes = { old: 0, new: 0 };
      for (let i = 1; i <= ITERATIONS; i++) {
        const context = `iteration ${i}, seed ${seed}`;
        const token = await login(engine);
        const read = await mgmtRequest(port, 'GET', '/config', { token });
        assert.equal(read.status, 200, context);
        assert.equal(generationOf(read.body.config), booted, context);
        const config = read.body.config;
        config.system.name = `gen-${i}`;
        config.voip.userAgent = `sbc gen-${i}`;
        const trial = next() < 0.5;
        const body = json({ config, comment: `apply ${i}`, ...(trial ? { confirmWithinSeconds: 600 } : {}) });
        // Kill somewhere from before the first write to after the last one (three writes at most).
        const killAfter = Math.floor(next() * (PAUSE_MS * 4 + 60));
        const applied = mgmtRequest(port, 'PUT', '/config', {
          token,
          body,
          headers: { 'if-match': read.headers.etag as string },
        }).catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, killAfter));
        await killHard(engine);
        await applied;

        engine = await startEngineProcess({ dataDir, port, env });
        const token2 = await login(engine);
        const after = await mgmtRequest(port, 'GET', '/config', { token: token2 });
        assert.equal(after.status, 200, context);
        assert.equal(after.body.pending, null, context);
        const generation = generationOf(after.body.config);
        if (trial)
          assert.equal(generation, booted, `${context}: an unconfirmed apply never survives a restart`);
        else
          assert.ok(generation === booted || generation === i, `${context}: booted generation ${generation}`);
        outcomes[generation === booted ? 'old' : 'new']++;
        booted = generation;
        assert.doesNotMatch(engine.output(), /damaged/, context);
      }
      assert.ok(
        outcomes.old > 0 && outcomes.new > 0,
        `kills landed on both sides: ${JSON.stringify(outcomes)}`,
      );
      const leftovers = readdirSync(join(dataDir, 'config')).filter((name) => name.endsWith('.tmp'));
      assert.deepEqual(leftovers, [], 'boot clears the temp files of interrupted writes');
    },
  );
});
