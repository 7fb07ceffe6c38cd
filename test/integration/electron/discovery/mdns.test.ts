// DNS-SD end to end inside a network namespace this test creates (only loopback, multicast on):
// an engine announces _sbc-studio._tcp, the app's discovery service and `sbc-studio discover` find
// it with the right TXT, an engine started with --no-announce is not found, and a stopped engine
// turns unreachable without leaving the list. Needs root and `node scripts/build.ts engine cli`.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DiscoveredEngine } from '../../../../electron/api/contract.ts';
import { startEngineProcess, type EngineProcess } from '../../../helpers/engine-process.ts';
import { createNetNamespace, type NetNamespace } from '../../../helpers/netns.ts';
import { freePort } from '../../../helpers/ports.ts';
import { STUDIO_CLI } from '../../../helpers/studio-process.ts';

const WATCH_SCRIPT = join(import.meta.dirname, '..', '..', '..', 'helpers', 'discovery-watch.ts');

function lines(text: string): DiscoveredEngine[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('{"address"'))
    .map((line) => JSON.parse(line) as DiscoveredEngine);
}

function waitFor(read: () => string, match: (engines: DiscoveredEngine[]) => boolean, what: string) {
  return new Promise<void>((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      if (match(lines(read()))) {
        clearInterval(timer);
        resolve();
      } else if (Date.now() - started > 20_000) {
        clearInterval(timer);
        reject(new Error(`no ${what} within 20 s:\n${read()}`));
      }
    }, 100);
  });
}

describe('DNS-SD announcement and browsing in a network namespace', () => {
  let ns: NetNamespace;
  let announced: EngineProcess;
  let silent: EngineProcess;
  let watcher: ChildProcess | undefined;
  let watched = '';
  let port: number;
  let silentPort: number;

  before(async () => {
    ns = createNetNamespace();
    port = await freePort();
    silentPort = await freePort();
    // 0.0.0.0 is not loopback, so the engine announces; only on the namespace's lo.
    announced = await startEngineProcess({
      wrap: ns.exec,
      mgmtHost: '0.0.0.0',
      port,
      announce: true,
      args: ['--announce-interface', '127.0.0.1'],
    });
    silent = await startEngineProcess({ wrap: ns.exec, mgmtHost: '0.0.0.0', port: silentPort });
  });

  after(async () => {
    if (watcher && watcher.exitCode === null) {
      const exited = new Promise((resolve) => watcher!.once('exit', resolve));
      watcher.kill('SIGTERM');
      await exited;
    }
    await announced?.stop();
    await silent?.stop();
    ns?.remove();
  });

  it('announces on the chosen interface, and says when it does not', async () => {
    // The announcement goes out after the management API listens (the helper waits for that).
    const logged = () =>
      announced.output().includes('[discovery]') && silent.output().includes('[discovery]');
    for (let i = 0; i < 100 && !logged(); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.match(announced.output(), /\[discovery\] announcing _sbc-studio\._tcp on 127\.0\.0\.1/);
    assert.match(silent.output(), /\[discovery\] not announcing: turned off/);
  });

  it('sbc-studio discover finds the announcing engine with its TXT, not the one with --no-announce', () => {
    const run = spawnSync(
      ns.exec[0]!,
      [...ns.exec.slice(1), process.execPath, STUDIO_CLI, 'discover', '--interface', '127.0.0.1', '--timeout', '2', '--json'], // prettier-ignore
      { encoding: 'utf8', timeout: 30_000 },
    );
    assert.equal(run.status, 0, run.stderr);
    const { engines } = JSON.parse(run.stdout) as { engines: DiscoveredEngine[] };
    const id = JSON.parse(readFileSync(join(announced.dataDir, 'engine.json'), 'utf8')).id;
    const prefix = /SHA-256 begins ([0-9A-F:]+)/.exec(announced.output())![1];
    assert.deepEqual(
      engines.map((e) => [
        e.source,
        e.address,
        e.state,
        e.engineId,
        e.version,
        e.provisioned,
        e.fingerprintPrefix,
      ]),
      [['mdns', `127.0.0.1:${port}`, 'reachable', id, '0.1.0', false, prefix]],
    );
    assert.equal(engines[0]!.fingerprintMismatch, undefined);
  });

  it('the discovery service shows a stopped engine as unreachable and keeps it', async () => {
    watcher = spawn(ns.exec[0]!, [...ns.exec.slice(1), process.execPath, WATCH_SCRIPT, '127.0.0.1'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    watcher.stdout!.on('data', (d: Buffer) => (watched += d));
    watcher.stderr!.on('data', (d: Buffer) => (watched += d));
    const address = `127.0.0.1:${port}`;
    await waitFor(
      () => watched,
      (engines) => engines.some((e) => e.address === address && e.state === 'reachable'),
      'reachable engine',
    );
    const before = lines(watched).length;
    await announced.stop();
    await waitFor(
      () => watched,
      (engines) => engines.slice(before).some((e) => e.address === address && e.state === 'unreachable'),
      'unreachable engine after stop',
    );
    const last = lines(watched)
      .filter((e) => e.address === address)
      .at(-1)!;
    assert.equal(last.state, 'unreachable');
    assert.equal(last.engineId, JSON.parse(readFileSync(join(announced.dataDir, 'engine.json'), 'utf8')).id);
    assert.ok(
      !lines(watched).some((e) => e.address === `127.0.0.1:${silentPort}`),
      'the silent engine stays unfound',
    );
  });
});
