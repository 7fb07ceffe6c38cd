// Finding engines by range: real engines on 127.0.0.2-4 (each its own --mgmt address, one port),
// found by the discovery service and by `sbc-studio discover`; closed addresses are reported, and
// no more probes are in flight than the bound. Needs `node scripts/build.ts engine cli` first.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  DEFAULT_PARALLELISM,
  DiscoveryService,
} from '../../../../electron/services/discovery/discovery-service.ts';
import { startEngineProcess, type EngineProcess } from '../../../helpers/engine-process.ts';
import { freePort } from '../../../helpers/ports.ts';
import { STUDIO_CLI } from '../../../helpers/studio-process.ts';

const HOSTS = ['127.0.0.2', '127.0.0.3', '127.0.0.4'];

function engineId(engine: EngineProcess): string {
  return JSON.parse(readFileSync(join(engine.dataDir, 'engine.json'), 'utf8')).id;
}

function printedPrefix(engine: EngineProcess): string {
  return /management certificate SHA-256 begins ([0-9A-F:]+)/.exec(engine.output())![1]!;
}

function discover(...args: string[]) {
  return spawnSync(process.execPath, [STUDIO_CLI, 'discover', ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('finding engines by range', () => {
  let port: number;
  const engines: EngineProcess[] = [];
  before(async () => {
    port = await freePort();
    for (const host of HOSTS) engines.push(await startEngineProcess({ mgmtHost: host, port }));
  });
  after(async () => {
    await Promise.all(engines.map((engine) => engine.stop()));
  });

  it('finds every engine of the range with its identity and reports the closed addresses', async () => {
    const service = new DiscoveryService({ mdns: 'off' });
    const { scanId, total } = service.scan({ targets: '127.0.0.0/29', port });
    assert.equal(total, 6);
    const results = await service.finished(scanId);
    await service.close();
    assert.equal(results.state, 'finished');
    assert.deepEqual(
      results.found.map((e) => [e.address, e.engineId, e.fingerprintPrefix, e.provisioned]).sort(),
      engines.map((engine, i) => [`${HOSTS[i]}:${port}`, engineId(engine), printedPrefix(engine), false]),
    );
    const closed = results.failures.filter((f) => f.reason === 'refused').map((f) => f.address);
    assert.ok(closed.includes(`127.0.0.5:${port}`), JSON.stringify(results.failures));
    assert.ok(closed.includes(`127.0.0.6:${port}`));
    assert.equal(results.failureCount, 3);
    assert.match(
      results.failures[0]!.message,
      /Nothing listens on 127\.0\.0\.\d+:\d+ \(connection refused\)/,
    );
  });

  it('sbc-studio discover --range lists them without multicast; exit 0', () => {
    const run = discover('--range', '127.0.0.0/29', '--port', String(port), '--address', `127.0.0.5:${port}`);
    assert.equal(run.status, 0, run.stderr);
    for (const [i, host] of HOSTS.entries()) {
      assert.match(run.stdout, new RegExp(`probed +${host.replace(/\./g, '\\.')}:${port} .*not set up +fingerprint ${printedPrefix(engines[i]!)}`)); // prettier-ignore
    }
    assert.match(run.stdout, new RegExp(`no engine +127\\.0\\.0\\.5:${port} +Nothing listens`));
    assert.match(run.stdout, /scanned 6 of 6: 3 engines, 3 without an engine \(3 refused\)/);
    const json = JSON.parse(discover('--range', '127.0.0.0/30', '--port', String(port), '--json').stdout);
    assert.deepEqual(
      json.engines.map((e: { address: string }) => e.address),
      [`127.0.0.2:${port}`],
    );
  });

  it('sbc-studio discover: exit 1 when nothing answers, 2 naming a bad range', () => {
    const none = discover('--address', `127.0.0.5:${port}`, '--timeout', '1');
    assert.equal(none.status, 1);
    const big = discover('--range', '10.0.0.0/16');
    assert.equal(big.status, 2);
    assert.match(big.stderr, /10\.0\.0\.0\/16.*65534 addresses.*at most 4096/);
  });
});

describe('the bound on parallel probes', () => {
  // TCP servers on 127.0.1.1-126 that hold each connection 100 ms, then close it. The count of open
  // connections drops when the server closes, before the client can know and start another probe,
  // so the highest count seen is exactly how many probes the client had in flight.
  const servers: Server[] = [];
  const open = new Set<Socket>();
  let most = 0;
  let port: number;
  before(async () => {
    port = await freePort();
    for (let i = 1; i <= 126; i++) {
      const server = createServer((socket) => {
        open.add(socket);
        most = Math.max(most, open.size);
        socket.on('error', () => {});
        setTimeout(() => {
          open.delete(socket);
          socket.destroy();
        }, 100);
      });
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, `127.0.1.${i}`, () => resolve());
      });
      servers.push(server);
    }
  });
  after(async () => {
    for (const socket of open) socket.destroy();
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  });

  it(`keeps at most ${DEFAULT_PARALLELISM} connections open and reports each address without an engine`, async () => {
    const service = new DiscoveryService({ mdns: 'off', probeTimeoutMs: 5000 });
    const { scanId } = service.scan({ targets: '127.0.1.0/25', port });
    const results = await service.finished(scanId);
    await service.close();
    assert.equal(results.done, 126);
    assert.equal(results.found.length, 0);
    assert.equal(results.failureCount, 126);
    // Each server closed the connection before a TLS answer: no engine there, and not a closed port.
    assert.deepEqual(new Set(results.failures.map((f) => f.reason)), new Set(['other']));
    assert.ok(most <= DEFAULT_PARALLELISM, `${most} connections at once`);
    assert.ok(most > 1, 'the probes ran in parallel');
  });
});
