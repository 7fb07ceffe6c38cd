// The built `sbc-studio lint` on config files: exit codes 0/1/2, what it prints, the --json shape.
// Needs `npm run build` (or `node scripts/build.ts cli`) first, as `npm test` does.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { STUDIO_CLI } from '../../helpers/studio-process.ts';
import {
  PBX_PASSWORD,
  sampleConfig,
  TELEKOM_PASSWORD,
} from '../../unit/sbc-engine/config/schema/sample-config.ts';

function lint(...args: string[]) {
  return spawnSync(process.execPath, [STUDIO_CLI, 'lint', ...args], { encoding: 'utf8' });
}

type Sample = ReturnType<typeof sampleConfig> & {
  connections: { headers?: Record<string, unknown>; targets: { port?: number | null }[] }[];
  voip: { listeners: { port: number }[] };
};

describe('sbc-studio lint', () => {
  let dir: string;
  const files: Record<string, string> = {};
  const write = (name: string, content: unknown) => {
    files[name] = join(dir, `${name}.json`);
    writeFileSync(files[name], typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  };
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sbc-lint-'));
    write('good', sampleConfig());
    const bad = sampleConfig() as Sample;
    bad.connections[1]!.headers!.fqdnInContact = false; // error
    bad.voip.listeners[1]!.port = 5067; // warning (seed 003)
    write('bad', bad);
    const invalid = sampleConfig() as Sample;
    invalid.connections[1]!.targets[0]!.port = 99999;
    write('invalid', invalid);
    write('newer', { ...sampleConfig(), schemaVersion: 99 });
    write('broken', '{ "schemaVersion": 1,\n  "voip": [\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const rows: [string, () => string[], number, RegExp, RegExp?][] = [
    ['a config with warnings only', () => [files.good!], 0, /0 errors, 1 warning, 1 info[\s\S]*warning connections\[4\]\.sdp\.stripIce {2}\[udp-leg-large-messages\][\s\S]*fix available: Strip ICE/],
    ['a config with an error', () => [files.bad!], 1, /1 error, 2 warnings[\s\S]*error {3}connections\[1\]\.headers\.fqdnInContact {2}\[teams-contact-fqdn\]\n\s+Contact toward "Teams 1"[\s\S]*fix available: Put the SBC FQDN in Contact[\s\S]*not to 5067/],
    ['an invalid config', () => [files.invalid!], 2, /^$/, /invalid\.json is not a valid configuration:\n {2}connections\[1\]\.targets\[0\]\.port: expected a port number/],
    ['a config of a newer schema', () => [files.newer!], 2, /^$/, /schemaVersion: this configuration is schema version 99/],
    ['a file that is not JSON', () => [files.broken!], 2, /^$/, /broken\.json is not a valid configuration:\n {2}\(file\): is not valid JSON \(at line 3/],
    ['a file that does not exist', () => [join(dir, 'nope.json')], 2, /^$/, /nope\.json[\s\S]*cannot be read \(ENOENT\)/],
    ['no file', () => [], 2, /^$/, /give exactly one FILE[\s\S]*Usage: sbc-studio lint/],
  ]; // prettier-ignore
  for (const [name, args, status, stdout, stderr] of rows) {
    it(`${name}: exit ${status}`, () => {
      const result = lint(...args());
      assert.equal(result.status, status, result.stdout + result.stderr);
      assert.match(result.stdout, stdout);
      if (stderr) assert.match(result.stderr, stderr);
      assert.ok(!(result.stdout + result.stderr).includes(TELEKOM_PASSWORD), 'a password was printed');
      assert.ok(!(result.stdout + result.stderr).includes(PBX_PASSWORD), 'a password was printed');
      assert.doesNotMatch(result.stdout + result.stderr, /at .*\.m?js:\d+/);
    });
  }

  it('says which rules it did not check and why', () => {
    const result = lint(files.good!);
    assert.match(
      result.stdout,
      /Not checked \(no certificate facts\): cert-missing, cert-name, .*cert-expired/,
    );
    // The bundled roots come with the installation, so their rules run.
    assert.doesNotMatch(result.stdout, /bundled-root/);
  });

  it('--json gives counts, findings with fix titles, and the skipped rules', () => {
    const result = lint(files.bad!, '--json');
    assert.equal(result.status, 1, result.stderr);
    const report = JSON.parse(result.stdout) as {
      file: string;
      valid: boolean;
      counts: Record<'error' | 'warning' | 'info', number>;
      findings: { ruleId: string; severity: string; path: string; message: string; fix: string | null }[];
      skipped: { ruleId: string; reason: string }[];
    };
    assert.equal(report.file, files.bad);
    assert.equal(report.valid, true);
    assert.deepEqual(report.counts, { error: 1, warning: 2, info: 1 });
    assert.deepEqual(
      report.findings.map((f) => [f.severity, f.ruleId, f.path, f.fix]),
      [
        [
          'error',
          'teams-contact-fqdn',
          'connections[1].headers.fqdnInContact',
          'Put the SBC FQDN in Contact',
        ],
        [
          'warning',
          'udp-leg-large-messages',
          'connections[4].sdp.stripIce',
          'Strip ICE candidates toward "Asterisk"',
        ],
        ['warning', 'teams-signalling-port', 'voip.listeners[1].port', 'Listen for Teams on port 5061'],
        ['info', 'telekom-sip-alg', 'connections[0]', null],
      ],
    );
    assert.deepEqual(
      report.skipped.find((s) => s.ruleId === 'cert-name'),
      { ruleId: 'cert-name', reason: 'not checked: no certificate facts' },
    );
  });

  it('--json on an invalid config gives the errors with their paths, exit 2', () => {
    const result = lint(files.invalid!, '--json');
    assert.equal(result.status, 2);
    assert.deepEqual(JSON.parse(result.stdout), {
      file: files.invalid,
      valid: false,
      errors: [{ path: 'connections[1].targets[0].port', message: 'expected a port number from 1 to 65535' }],
    });
  });
});
