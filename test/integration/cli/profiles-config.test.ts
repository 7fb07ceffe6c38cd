// The built `sbc-studio profiles list` and `config new|powershell`: the bundle finds resources/ on
// its own, writes configs that the engine's schema accepts, and names what is wrong with exit 2.
// Needs `npm run build` (or `node scripts/build.ts cli`) first, as `npm test` does.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseConfig, type Config } from '../../../sbc-engine/config/schema/index.ts';
import { SAMPLE_ANSWERS, SAMPLE_PASSWORD } from '../../helpers/profiles.ts';
import { STUDIO_CLI } from '../../helpers/studio-process.ts';

function studio(...args: string[]) {
  // From another folder, so the bundle has to find resources/ by itself.
  return spawnSync(process.execPath, [STUDIO_CLI, ...args], { encoding: 'utf8', cwd: tmpdir() });
}
function answers(id: string): string[] {
  return Object.entries(SAMPLE_ANSWERS[id]!).flatMap(([key, value]) => ['--answer', `${key}=${value}`]);
}
function readConfig(file: string): Config {
  const parsed = parseConfig(JSON.parse(readFileSync(file, 'utf8')));
  assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.errors));
  return parsed.config;
}
const noStack = /at .*\.m?js:\d+/;

describe('sbc-studio profiles and config', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sbc-profiles-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('profiles list --json lists every profile with its questions; UM is legacy', () => {
    const result = studio('profiles', 'list', '--json');
    assert.equal(result.status, 0, result.stderr);
    const list = JSON.parse(result.stdout) as {
      id: string;
      status: string;
      warning: string | null;
      questions: { id: string; required: boolean; default?: { value?: unknown; confidence: string } }[];
    }[];
    assert.deepEqual(list.map((p) => p.id).sort(), Object.keys(SAMPLE_ANSWERS).sort());
    const um = list.find((p) => p.id === 'exchange-online-um')!;
    assert.equal(um.status, 'legacy');
    assert.match(um.warning ?? '', /retired/);
    const teams = list.find((p) => p.id === 'teams-direct-routing')!;
    assert.deepEqual(
      teams.questions.map((q) => q.id),
      ['sbcFqdn', 'signallingPort', 'maxConcurrentSessions'],
    );
    assert.deepEqual(teams.questions[1]!.default, { value: 5061, confidence: 'sure' });
  });

  it('profiles list prints one entry per profile', () => {
    const result = studio('profiles', 'list');
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^teams-direct-routing +Microsoft Teams Direct Routing$/m);
    assert.match(result.stdout, /^exchange-online-um +Office 365 Exchange Online UM \(legacy\)$/m);
  });

  it('config new for Teams writes a config the schema accepts, with the failover group in order', () => {
    const file = join(dir, 'teams.json');
    const result = studio('config', 'new', '--profile', 'teams-direct-routing', ...answers('teams-direct-routing'),
      '--set', 'system.name=Berlin SBC', '--set', 'connections[0].maxConcurrentCalls=50', '--out', file); // prettier-ignore
    assert.equal(result.status, 0, result.stderr);
    const config = readConfig(file);
    assert.equal(config.system.name, 'Berlin SBC');
    assert.equal(config.system.fqdn, 'sbc.contoso.com');
    assert.equal(config.connections[0]!.maxConcurrentCalls, 50);
    assert.deepEqual(config.failoverGroups[0]!.members, ['teams-1', 'teams-2', 'teams-3']);
    assert.match(
      result.stdout,
      /Wrote .*teams\.json[\s\S]*Confirm with your provider \(\d+\):[\s\S]*\[check\] connections\[0\]\.headers\.xMsSbc/,
    );
    assert.doesNotMatch(result.stderr, /password/); // nothing secret in a Teams config
    assert.doesNotMatch(result.stdout + result.stderr, noStack);
  });

  it('config new for Telekom writes the password into a 0600 file and says so', () => {
    const file = join(dir, 'telekom.json');
    writeFileSync(file, 'old', { mode: 0o644 });
    const result = studio('config', 'new', '--profile', 'telekom-deutschlandlan-sip-trunk', ...answers('telekom-deutschlandlan-sip-trunk'), '--out', file); // prettier-ignore
    assert.equal(result.status, 0, result.stderr);
    const config = readConfig(file);
    assert.equal(config.connections[0]!.registration?.password, SAMPLE_PASSWORD);
    assert.equal(config.connections[0]!.targets[0]!.host, 'reg.sip-trunk.telekom.de');
    assert.deepEqual(
      config.routes.map((r) => [r.id, r.emergency]),
      [['telekom-emergency', true]],
    );
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.match(result.stderr, /warning: .*telekom\.json holds a password in plain text \(file mode 0600\)/);
    assert.doesNotMatch(result.stdout + result.stderr, new RegExp(SAMPLE_PASSWORD));
    assert.match(
      result.stdout,
      /\[likely\] connections\[0\]\.targets\[0\]\.host = "reg\.sip-trunk\.telekom\.de"/,
    );
  });

  it('config new without --out prints the config and keeps the report on stderr', () => {
    const result = studio(
      'config',
      'new',
      '--profile',
      'exchange-online-um',
      ...answers('exchange-online-um'),
    );
    assert.equal(result.status, 0, result.stderr);
    const parsed = parseConfig(JSON.parse(result.stdout));
    assert.ok(parsed.ok);
    assert.match(result.stderr, /warning: Office 365 Exchange Online UM is a legacy profile\. .*retired/);
  });

  it('config powershell prints the Teams pairing script', () => {
    const file = join(dir, 'teams-ps.json');
    assert.equal(studio('config', 'new', '--profile', 'teams-direct-routing', ...answers('teams-direct-routing'), '--out', file).status, 0); // prettier-ignore
    const result = studio('config', 'powershell', file);
    assert.equal(result.status, 0, result.stderr);
    assert.match(
      result.stdout,
      /^New-CsOnlinePSTNGateway -Fqdn 'sbc\.contoso\.com' -SipSignalingPort 5061 -MaxConcurrentSessions 30 .*-Enabled \$true$/m,
    );
    assert.match(result.stdout, /^New-CsOnlineVoiceRoute .*-OnlinePstnGatewayList 'sbc\.contoso\.com'/m);
  });

  const failures: [string, () => string[], RegExp][] = [
    ['a --set path that is no field', () => ['config', 'new', '--profile', 'asterisk', ...answers('asterisk'), '--set', 'connections[0].nmae=PBX'], /connections\[0\]\.nmae: unknown field/],
    ['a --set index past the end', () => ['config', 'new', '--profile', 'asterisk', ...answers('asterisk'), '--set', 'connections[5].name=PBX'], /--set connections\[5\]\.name: connections\[5\]: the list has 1 entries/],
    ['a --set value the schema refuses', () => ['config', 'new', '--profile', 'asterisk', ...answers('asterisk'), '--set', 'connections[0].targets[0].port=99999'], /connections\[0\]\.targets\[0\]\.port: expected a port number/],
    ['a --set without =', () => ['config', 'new', '--profile', 'asterisk', ...answers('asterisk'), '--set', 'system.name'], /--set "system\.name": expected NAME=VALUE/],
    ['a bad answer', () => ['config', 'new', '--profile', 'teams-direct-routing', '--answer', 'sbcFqdn=sbc', '--answer', 'maxConcurrentSessions=5'], /--answer sbcFqdn: SBC FQDN: expected a fully qualified domain name/],
    ['a missing answer', () => ['config', 'new', '--profile', 'teams-direct-routing', '--answer', 'sbcFqdn=sbc.contoso.com'], /--answer maxConcurrentSessions: Maximum concurrent calls is required/],
    ['an unknown profile', () => ['config', 'new', '--profile', 'vodafone'], /--profile: no profile "vodafone" \(there are: .*teams-direct-routing/],
    ['powershell for a config without Teams', () => ['config', 'powershell', join(dir, 'telekom.json')], /telekom\.json: the config has no Microsoft Teams connection/],
    ['powershell for a file that is not a config', () => ['config', 'powershell', join(dir, 'nope.json')], /nope\.json: cannot be read/],
  ]; // prettier-ignore
  for (const [name, args, message] of failures) {
    it(`${name}: exit 2, naming it`, () => {
      const out = join(dir, 'never.json');
      const result = studio(...args(), ...(args()[1] === 'new' ? ['--out', out] : []));
      assert.equal(result.status, 2, result.stdout + result.stderr);
      assert.match(result.stderr, message);
      assert.doesNotMatch(result.stderr, noStack);
      assert.equal(existsSync(out), false, 'nothing written');
    });
  }
});
