// The config editor's rules without a browser: the field tree made from the real config schema,
// immutable edits with undo/redo, problems by path, typed passwords never kept, files opened.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { SECRET_MARKER } from '../../../../../sbc-engine/config/schema/secret.ts';
import { configJsonSchema } from '../../../../../sbc-engine/config/schema/json-schema.ts';
import { defaultConfig, parseConfig } from '../../../../../sbc-engine/config/schema/parse.ts';
import { configFileText, openConfigText } from '../../../../../renderer/pages/configuration/configFile.ts';
import {
  draftReducer,
  isChanged,
  newDraft,
} from '../../../../../renderer/pages/configuration/configDraft.ts';
import { getAt, moveAt, removeAt, setAt } from '../../../../../renderer/pages/configuration/configPath.ts';
import { fieldLabelsEn } from '../../../../../renderer/pages/configuration/fieldLabels.ts';
import {
  initialValue,
  sectionSpec,
  toFieldSpec,
  variantOf,
  type FieldSpec,
} from '../../../../../renderer/pages/configuration/fieldSpec.ts';
import { itemSummary } from '../../../../../renderer/pages/configuration/itemSummary.ts';
import {
  ancestorsOf,
  ProblemIndex,
  sectionOf,
} from '../../../../../renderer/pages/configuration/problemIndex.ts';
import {
  hasTypedSecret,
  stripTypedSecrets,
} from '../../../../../renderer/pages/configuration/secretsInDraft.ts';

const root = toFieldSpec(configJsonSchema(), '', true);

function field(spec: FieldSpec | undefined, ...keys: string[]): FieldSpec {
  let node = spec;
  for (const key of keys) {
    if (node?.kind === 'array') node = node.item;
    assert.ok(node?.kind === 'object', `${key}: parent is ${node?.kind}`);
    node = node.fields.find((f) => f.key === key);
  }
  assert.ok(node, keys.join('.'));
  return node;
}

const TEAMS_CONNECTION = {
  id: 'teams1',
  name: 'Teams 1',
  targets: [{ host: 'sip.pstnhub.microsoft.com', port: 5061, transport: 'tls' }],
  tlsProfile: 'teams',
  registration: { user: '+4930123', password: 'typed-secret-1' },
};

it('makes a field tree from the real config schema: lists, nullable objects, unions', () => {
  const connections = sectionSpec(root, 'connections');
  assert.equal(connections?.kind, 'array');
  const registration = field(root, 'connections', 'registration');
  assert.equal(registration.kind, 'object');
  assert.equal(registration.nullable, true, 'a connection without registration is null');
  const password = field(registration, 'password');
  assert.ok(password.kind === 'string' && password.writeOnly, 'the password is a write-only string');
  const port = field(root, 'connections', 'targets', 'port');
  assert.ok(port.kind === 'number' && port.integer && port.nullable && port.maximum === 65535);
  const trusted = field(root, 'tlsProfiles', 'trustedCas');
  assert.ok(trusted.kind === 'array' && trusted.item.kind === 'union');
  if (trusted.kind === 'array' && trusted.item.kind === 'union') {
    assert.deepEqual(
      trusted.item.variants.map((v) => v.label),
      ['store', 'bundled'],
    );
    assert.equal(variantOf(trusted.item, { source: 'bundled', name: 'DigiCert Global Root G2' }), 1);
    assert.equal(variantOf(trusted.item, { source: 'nope' }), -1);
  }
  const target = field(root, 'routes', 'target');
  assert.ok(target.kind === 'union');
  if (target.kind === 'union') assert.equal(variantOf(target, { failoverGroup: 'teams' }), 1);
});

it('labels every field of the schema, in English (German is kept in step by the i18n test)', () => {
  const missing: string[] = [];
  const walk = (spec: FieldSpec) => {
    if (spec.key && !(spec.key in fieldLabelsEn)) missing.push(spec.key);
    if (spec.kind === 'object') spec.fields.forEach(walk);
    if (spec.kind === 'array') walk(spec.item);
    if (spec.kind === 'union') spec.variants.forEach((v) => v.spec.fields.forEach(walk));
  };
  walk(root);
  assert.deepEqual([...new Set(missing)], []);
});

it('starts a new list item from the schema defaults', () => {
  const defaults = initialValue(field(root, 'voip', 'listeners')) as { port: number }[];
  assert.deepEqual(
    defaults.map((listener) => listener.port),
    [5060, 5060, 5061],
    'a list with a default starts from it',
  );
  const listeners = field(root, 'voip', 'listeners');
  assert.ok(listeners.kind === 'array');
  const item = initialValue(listeners.kind === 'array' ? listeners.item : listeners) as Record<
    string,
    unknown
  >;
  assert.equal(typeof item, 'object');
  const route = field(root, 'routes');
  const newRoute = initialValue(route.kind === 'array' ? route.item : route) as Record<string, unknown>;
  assert.equal(newRoute.onMatch, 'stop');
  assert.equal(newRoute.emergency, false);
});

it('edits without mutating, removes and moves list items', () => {
  const base = { connections: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] };
  const frozen = structuredClone(base);
  const changed = setAt(base, ['connections', 1, 'name'], 'B');
  assert.deepEqual(base, frozen, 'the original is untouched');
  assert.equal(getAt(changed, ['connections', 1, 'name']), 'B');
  assert.deepEqual(getAt(removeAt(changed, ['connections', 0]), ['connections']), [
    { id: 'b', name: 'B' },
    { id: 'c' },
  ]);
  assert.deepEqual(
    (getAt(moveAt(base, ['connections', 2], -1), ['connections']) as { id: string }[]).map((c) => c.id),
    ['a', 'c', 'b'],
  );
  assert.equal(moveAt(base, ['connections', 0], -1), base, 'a move past the end changes nothing');
  assert.deepEqual(setAt({ a: 1 }, ['b', 0, 'c'], 2), { a: 1, b: [{ c: 2 }] });
  assert.deepEqual(setAt({ a: 1, b: 2 }, ['b'], undefined), { a: 1 });
});

it('undoes and redoes, and merges typing in one field into one step', () => {
  let draft = newDraft({ system: { name: '' } });
  for (const name of ['s', 'sb', 'sbc'])
    draft = draftReducer(draft, { type: 'set', path: ['system', 'name'], value: name });
  draft = draftReducer(draft, { type: 'set', path: ['system', 'fqdn'], value: 'sbc.example.com' });
  assert.equal(draft.past.length, 2, 'three keystrokes in one field are one undo step');
  assert.ok(isChanged(draft));
  draft = draftReducer(draft, { type: 'undo' });
  assert.deepEqual(draft.current, { system: { name: 'sbc' } });
  draft = draftReducer(draft, { type: 'undo' });
  assert.deepEqual(draft.current, { system: { name: '' } });
  assert.equal(isChanged(draft), false);
  assert.equal(draftReducer(draft, { type: 'undo' }), draft, 'nothing left to undo');
  draft = draftReducer(draftReducer(draft, { type: 'redo' }), { type: 'redo' });
  assert.deepEqual(draft.current, { system: { name: 'sbc', fqdn: 'sbc.example.com' } });
  // A new edit after an undo drops the redo branch.
  draft = draftReducer(draftReducer(draft, { type: 'undo' }), { type: 'remove', path: ['system', 'name'] });
  assert.deepEqual(draft.future, []);
});

it('indexes problems by path and flags every ancestor', () => {
  const index = new ProblemIndex([
    { path: 'connections[1].targets[0].port', message: 'x', severity: 'error' },
    { path: 'connections[10].name', message: 'y', severity: 'warning' },
  ]);
  assert.equal(index.worstWithin('connections[1]'), 'error');
  assert.equal(index.worstWithin('connections[10]'), 'warning');
  assert.equal(index.worstWithin('connections[2]'), undefined);
  assert.equal(index.worstWithin('connections'), 'error');
  assert.equal(index.at('connections[1].targets[0].port').length, 1);
  assert.deepEqual(ancestorsOf('connections[1].targets[0].port'), [
    'connections',
    'connections[1]',
    'connections[1].targets',
    'connections[1].targets[0]',
    'connections[1].targets[0].port',
  ]);
  assert.equal(sectionOf('routes[3].called.match'), 'routes');
});

it('never keeps a typed password in a draft, but keeps the stored-secret marker', () => {
  const config = {
    ...defaultConfig(),
    connections: [
      TEAMS_CONNECTION,
      { ...TEAMS_CONNECTION, id: 'stored', registration: { user: 'u', password: SECRET_MARKER } },
    ],
  };
  assert.ok(hasTypedSecret(root, config));
  const stripped = stripTypedSecrets(root, config);
  assert.doesNotMatch(JSON.stringify(stripped), /typed-secret-1/);
  assert.equal(getAt(stripped, ['connections', 1, 'registration', 'password']), SECRET_MARKER);
  assert.equal(hasTypedSecret(root, stripped), false);
});

it('opens config files: not JSON, not an object, invalid (still opens), valid (defaults filled)', () => {
  const notJson = openConfigText('{ "schemaVersion": 1,');
  assert.ok(!notJson.ok && /not a JSON file/.test(notJson.message));
  const array = openConfigText('[1]');
  assert.ok(!array.ok && /no JSON object/.test(array.message));
  const invalid = openConfigText('{"schemaVersion":1,"voip":{"optionsIntervalSeconds":"often"}}');
  assert.ok(invalid.ok && invalid.errors.some((e) => e.path === 'voip.optionsIntervalSeconds'));
  const valid = openConfigText('{"schemaVersion":1}');
  assert.ok(valid.ok && valid.errors.length === 0);
  assert.deepEqual(valid.ok && valid.config, defaultConfig());
  const roundTrip = openConfigText(configFileText(defaultConfig()));
  assert.ok(roundTrip.ok && parseConfig(roundTrip.config).ok);
});

it('titles list items by what admins recognise them', () => {
  assert.equal(itemSummary({ id: 'teams1', name: 'Teams 1' }), 'Teams 1 · teams1');
  assert.equal(
    itemSummary({ host: 'sip.pstnhub.microsoft.com', port: 5061, transport: 'tls' }),
    'tls sip.pstnhub.microsoft.com:5061',
  );
  assert.equal(itemSummary('PCMA'), 'PCMA');
});
