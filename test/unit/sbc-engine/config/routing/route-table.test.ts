import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  compileRouteTable,
  evaluate,
  type CompiledRouteTable,
  type RouteRule,
} from '../../../../../sbc-engine/config/routing/route-table.ts';
import { seededRandom } from '../../../../helpers/mutate.ts';

function rule(fields: Partial<RouteRule> & Pick<RouteRule, 'id'>): RouteRule {
  return { sourceConnections: [], onMatch: 'stop', emergency: false, ...fields };
}

function table(rules: RouteRule[]): CompiledRouteTable {
  const result = compileRouteTable(rules);
  if (!result.ok) assert.fail(result.errors.map((e) => `${e.path}: ${e.message}`).join('; '));
  return result.table;
}

// A small office: Telekom trunk, Teams (as one failover group), and an old PBX for the fax.
const OFFICE = table([
  rule({
    id: 'emergency-from-teams',
    sourceConnections: ['teams'],
    called: { match: '^\\+?(110|112)$', replace: '$1' },
    target: { connection: 'telekom' },
    emergency: true,
  }),
  rule({
    id: 'teams-e164-to-national',
    sourceConnections: ['teams'],
    called: { match: '^\\+49(\\d+)$', replace: '0$1' },
    calling: { match: '^\\+4930123456(\\d{3})$', replace: '$1' },
    onMatch: 'continue',
  }),
  rule({ id: 'teams-out', sourceConnections: ['teams'], target: { connection: 'telekom' } }),
  rule({
    id: 'telekom-national-to-e164',
    sourceConnections: ['telekom'],
    called: { match: '^0(\\d{9,11})$', replace: '+49$1' },
    calling: { match: '^0(\\d+)$', replace: '+49$1' },
    onMatch: 'continue',
  }),
  rule({
    id: 'telekom-extension-to-e164',
    sourceConnections: ['telekom'],
    called: { match: '^(\\d{3})$', replace: '+4930123456$1' },
    onMatch: 'continue',
  }),
  rule({
    id: 'fax-to-pbx',
    sourceConnections: ['telekom'],
    called: { match: '^\\+4930123456(9\\d\\d)$', replace: '$1' },
    target: { connection: 'pbx' },
  }),
  rule({ id: 'block-premium', called: { match: '^(\\+49|0)900\\d*$' } }),
  rule({ id: 'into-teams', sourceConnections: ['telekom'], target: { failoverGroup: 'teams' } }),
]);

describe('a route table with continue/stop chains and source filters', () => {
  it('an incoming national number becomes E.164 and goes to Teams', () => {
    const decision = evaluate(OFFICE, { source: 'telekom', called: '030123456204', calling: '0891234567' });
    assert.deepEqual(decision.steps, [
      {
        ruleId: 'telekom-national-to-e164',
        onMatch: 'continue',
        called: { before: '030123456204', after: '+4930123456204' },
        calling: { before: '0891234567', after: '+49891234567' },
      },
      {
        ruleId: 'into-teams',
        onMatch: 'stop',
        called: { before: '+4930123456204', after: '+4930123456204' },
        calling: { before: '+49891234567', after: '+49891234567' },
      },
    ]);
    assert.equal(decision.called, '+4930123456204');
    assert.equal(decision.calling, '+49891234567');
    assert.deepEqual(decision.target, { failoverGroup: 'teams' });
    assert.equal(decision.targetRuleId, 'into-teams');
    assert.equal(decision.emergency, false);
    assert.equal(decision.noRoute, undefined);
  });

  it('Telekom delivering only the extension: the block is added, the fax extension goes to the PBX', () => {
    const decision = evaluate(OFFICE, { source: 'telekom', called: '901', calling: '+49891234567' });
    assert.deepEqual(
      decision.steps.map((step) => [step.ruleId, step.called.after]),
      [
        ['telekom-extension-to-e164', '+4930123456901'],
        ['fax-to-pbx', '901'],
      ],
    );
    assert.deepEqual(decision.target, { connection: 'pbx' });
    // The calling number did not match `^0(\d+)$` and stays as it came.
    assert.equal(decision.calling, '+49891234567');
  });

  it('a call from Teams leaves in national format with the extension as the caller', () => {
    const decision = evaluate(OFFICE, { source: 'teams', called: '+49891234567', calling: '+4930123456204' });
    assert.equal(decision.called, '0891234567');
    assert.equal(decision.calling, '204');
    assert.deepEqual(decision.target, { connection: 'telekom' });
    assert.deepEqual(
      decision.steps.map((step) => step.ruleId),
      ['teams-e164-to-national', 'teams-out'],
    );
  });

  it('a continue rule matches only when every pattern it has matches', () => {
    // The caller is not one of ours: the rule with both patterns does not apply, teams-out does.
    const decision = evaluate(OFFICE, { source: 'teams', called: '+49891234567', calling: '+4940999' });
    assert.equal(decision.called, '+49891234567');
    assert.deepEqual(
      decision.steps.map((step) => step.ruleId),
      ['teams-out'],
    );
  });

  for (const called of ['112', '+112', '110']) {
    it(`${called} from Teams is marked as an emergency call and goes out to Telekom`, () => {
      const decision = evaluate(OFFICE, { source: 'teams', called, calling: '+4930123456204' });
      assert.equal(decision.emergency, true);
      assert.equal(decision.called, called.replace('+', ''));
      assert.deepEqual(decision.target, { connection: 'telekom' });
    });
  }

  it('112 coming in from Telekom is not an emergency call (the rule is for Teams only)', () => {
    const decision = evaluate(OFFICE, { source: 'telekom', called: '112', calling: '0891234567' });
    assert.equal(decision.emergency, false);
    assert.equal(decision.called, '+4930123456112');
  });

  it('a stop rule without a target blocks the call and says which rule did', () => {
    const decision = evaluate(OFFICE, { source: 'pbx', called: '09001234567', calling: '204' });
    assert.equal(decision.target, undefined);
    assert.equal(decision.noRoute, 'no route matched: rule "block-premium" stops without a target');
  });

  it('a call from an unknown connection matches no route', () => {
    const decision = evaluate(OFFICE, { source: 'somewhere', called: '0301234567', calling: '' });
    assert.deepEqual(decision.steps, []);
    assert.equal(decision.called, '0301234567');
    assert.equal(decision.target, undefined);
    assert.equal(decision.noRoute, 'no route matched');
  });
});

describe('targets on continue rules', () => {
  const rules = table([
    rule({ id: 'default-to-telekom', onMatch: 'continue', target: { connection: 'telekom' } }),
    rule({ id: 'normalise', called: { match: '^0(\\d+)$', replace: '+49$1' }, onMatch: 'continue' }),
    rule({ id: 'mobile-via-gsm', called: { match: '^\\+491\\d+$' }, target: { connection: 'gsm-gateway' } }),
    rule({ id: 'stop-without-target', called: { match: '^\\+4930\\d+$' } }),
  ]);

  it('is the target when nothing later gives one', () => {
    const decision = evaluate(rules, { source: 'pbx', called: '0891234567', calling: '204' });
    assert.deepEqual(decision.target, { connection: 'telekom' });
    assert.equal(decision.targetRuleId, 'default-to-telekom');
    assert.equal(decision.called, '+49891234567');
  });

  it('gives way to the target of a later stopping rule', () => {
    const decision = evaluate(rules, { source: 'pbx', called: '01711234567', calling: '204' });
    assert.deepEqual(decision.target, { connection: 'gsm-gateway' });
    assert.equal(decision.targetRuleId, 'mobile-via-gsm');
  });

  it('stays when a later stopping rule has no target of its own', () => {
    const decision = evaluate(rules, { source: 'pbx', called: '0301234567', calling: '204' });
    assert.deepEqual(decision.target, { connection: 'telekom' });
    assert.equal(decision.steps.at(-1)?.ruleId, 'stop-without-target');
  });

  it('only translating rules and no target: says so', () => {
    const onlyTranslations = table([
      rule({ id: 'a', called: { match: '^0(\\d+)$', replace: '+49$1' }, onMatch: 'continue' }),
      rule({ id: 'b', calling: { match: '^(\\d{3})$', replace: '+4930123456$1' }, onMatch: 'continue' }),
    ]);
    const decision = evaluate(onlyTranslations, { source: 'pbx', called: '0301234567', calling: '204' });
    assert.equal(decision.calling, '+4930123456204');
    assert.equal(
      decision.noRoute,
      'no route matched: rules "a", "b" changed the numbers but none gives a target',
    );
  });

  it('an emergency mark stays once set, even when later rules continue', () => {
    const chain = table([
      rule({ id: 'mark', called: { match: '^11[02]$' }, emergency: true, onMatch: 'continue' }),
      rule({ id: 'out', target: { connection: 'telekom' } }),
    ]);
    const decision = evaluate(chain, { source: 'teams', called: '110', calling: '' });
    assert.equal(decision.emergency, true);
    assert.equal(decision.targetRuleId, 'out');
  });
});

describe('compiling a route table', () => {
  it('reports every invalid pattern with its path and place', () => {
    const result = compileRouteTable([
      rule({ id: 'ok', called: { match: '^0(\\d+)$', replace: '+49$1' } }),
      rule({ id: 'bad-called', called: { match: '^0(\\d+$' } }),
      rule({ id: 'bad-calling', calling: { match: '^(\\d)$', replace: '$2' } }),
      rule({ id: 'ok' }),
    ]);
    assert.ok(!result.ok);
    assert.deepEqual(result.errors, [
      {
        path: 'routes[1].called.match',
        message: "the group '(' at character 3 is never closed with ')'",
        position: 2,
      },
      {
        path: 'routes[2].calling.replace',
        message: 'the replacement uses $2 at character 1 but the pattern has 1 group',
        position: 0,
      },
      { path: 'routes[3].id', message: 'the id "ok" is already used by routes[0]' },
    ]);
  });

  it('an empty table routes nothing', () => {
    const decision = evaluate(table([]), { source: 'teams', called: '112', calling: '' });
    assert.equal(decision.noRoute, 'no route matched');
    assert.equal(decision.emergency, false);
  });
});

it('random tables and calls never throw, and every step follows from the one before', () => {
  const random = seededRandom(77_001);
  const patterns = [
    '^0(\\d+)$',
    '^\\+49(\\d+)$',
    '^(\\d{3})$',
    '^(\\d+)+$',
    '^(110|112)$',
    '.*',
    '^((\\d*)*)*$',
  ];
  const replacements = [undefined, '+49$1', '0$1', '$1', '+4930123456$1', '$0$0'];
  const sources = ['teams', 'telekom', 'pbx'];
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  for (let run = 0; run < 500; run++) {
    const rules: RouteRule[] = [];
    for (let i = 0; i < 1 + Math.floor(random() * 10); i++) {
      const side = () =>
        random() < 0.4 ? undefined : { match: pick(patterns), replace: pick(replacements) };
      const called = side();
      const calling = side();
      rules.push(
        rule({
          id: `r${i}`,
          sourceConnections: random() < 0.5 ? [] : [pick(sources)],
          ...(called ? { called } : {}),
          ...(calling ? { calling } : {}),
          ...(random() < 0.5 ? { target: { connection: pick(sources) } } : {}),
          onMatch: random() < 0.6 ? 'continue' : 'stop',
          emergency: random() < 0.1,
        }),
      );
    }
    const compiled = compileRouteTable(rules);
    if (!compiled.ok) continue; // e.g. `$1` on '.*', which has no group
    const digits = () => String(Math.floor(random() * 10 ** (1 + Math.floor(random() * 15))));
    const call = { source: pick(sources), called: pick(['0', '+49', '']) + digits(), calling: digits() };
    const decision = evaluate(compiled.table, call);
    let { called, calling } = call;
    for (const step of decision.steps) {
      assert.equal(step.called.before, called);
      assert.equal(step.calling.before, calling);
      called = step.called.after;
      calling = step.calling.after;
    }
    assert.equal(decision.called, called);
    assert.equal(decision.calling, calling);
    assert.ok(decision.steps.length <= rules.length);
    assert.equal(decision.target === undefined, decision.noRoute !== undefined);
  }
});
