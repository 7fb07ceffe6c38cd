// Number rules on the call path: evaluations per second of a 50-rule route table on re2js (what
// the engine uses), next to the same rules on JavaScript's built-in RegExp (the anchor), and the
// catastrophic pattern ^(\d+)+$ on both. The RegExp side of that runs in a worker with a time limit,
// so this bench ends even where RegExp would not.
import { Worker } from 'node:worker_threads';
import {
  expandReplacement,
  parseReplacement,
  type ReplacementPart,
} from '../sbc-engine/config/routing/replacement.ts';
import { compileNumberPattern, MAX_NUMBER_LENGTH } from '../sbc-engine/config/routing/number-pattern.ts';
import {
  compileRouteTable,
  evaluate,
  type CallToRoute,
  type RouteRule,
  type RouteTarget,
} from '../sbc-engine/config/routing/route-table.ts';

const EVALUATIONS = Number(process.env.BENCH_EVALUATIONS ?? 200_000);
const LIMIT_S = Number(process.env.BENCH_REGEXP_LIMIT_S ?? 10);
const LENGTHS = (process.env.BENCH_CATASTROPHIC_DIGITS ?? '20,24,26,28,30').split(',').map(Number);

/** 50 rules of the kinds a Teams + Telekom + PBX site has, most specific first. */
function fiftyRules(): RouteRule[] {
  const rules: RouteRule[] = [];
  const add = (rule: Omit<RouteRule, 'sourceConnections' | 'emergency'> & Partial<RouteRule>) =>
    rules.push({ sourceConnections: [], emergency: false, ...rule });
  add({
    id: 'emergency',
    called: { match: '^\\+?(110|112)$', replace: '$1' },
    emergency: true,
    onMatch: 'stop',
    target: { connection: 'telekom' },
  });
  add({ id: 'block-premium', called: { match: '^(?:\\+49|0)900\\d*$' }, onMatch: 'stop' });
  for (let block = 0; block < 20; block++)
    add({
      id: `pbx-block-${block}`,
      sourceConnections: ['telekom'],
      called: { match: `^(?:\\+49|0)30123${String(40 + block)}(\\d{2})$`, replace: `${40 + block}$1` },
      onMatch: 'stop',
      target: { connection: `pbx-${block % 4}` },
    });
  for (const country of ['43', '41', '33', '39', '31', '32', '45', '46', '47', '48'])
    add({
      id: `intl-${country}`,
      called: { match: `^00(${country}\\d{6,12})$`, replace: '+$1' },
      onMatch: 'continue',
    });
  for (const area of ['30', '40', '89', '69', '221', '211', '711', '511', '351', '341'])
    add({
      id: `national-${area}`,
      sourceConnections: ['telekom'],
      called: { match: `^0(${area}\\d{5,9})$`, replace: '+49$1' },
      calling: { match: '^0(\\d{6,13})$', replace: '+49$1' },
      onMatch: 'continue',
    });
  for (let i = 0; i < 6; i++)
    add({
      id: `teams-user-${i}`,
      sourceConnections: ['teams'],
      called: { match: `^\\+4930123456${i}(\\d{2})$`, replace: `6${i}$1` },
      onMatch: 'stop',
      target: { connection: 'pbx-0' },
    });
  add({
    id: 'teams-to-telekom',
    sourceConnections: ['teams'],
    called: { match: '^\\+(\\d{7,15})$', replace: '00$1' },
    onMatch: 'stop',
    target: { connection: 'telekom' },
  });
  add({
    id: 'into-teams',
    sourceConnections: ['telekom'],
    onMatch: 'stop',
    target: { failoverGroup: 'teams' },
  });
  return rules;
}

// Calls that walk far down the table, and some that match nothing at all.
const CALLS: CallToRoute[] = [
  { source: 'telekom', called: '03012359' + '42', calling: '0891234567' },
  { source: 'telekom', called: '0711123456', calling: '0891234567' },
  { source: 'telekom', called: '0048221234567', calling: '0301234567' },
  { source: 'teams', called: '+4930123456342', calling: '+4930123456204' },
  { source: 'teams', called: '+441234567890', calling: '+4930123456204' },
  { source: 'pbx-1', called: 'abc', calling: '' },
  { source: 'teams', called: '112', calling: '+4930123456204' },
];

/** The same evaluation as route-table.ts, on RegExp: each pattern must match the whole number. */
function regExpEvaluator(rules: RouteRule[]) {
  type Side = { re: RegExp; parts: ReplacementPart[] | undefined } | undefined;
  const side = (spec: RouteRule['called']): Side => {
    if (!spec) return undefined;
    const re = new RegExp(`^(?:${spec.match})$`);
    const groups = new RegExp(`${spec.match}|`).exec('')!.length - 1;
    const parsed = spec.replace === undefined ? undefined : parseReplacement(spec.replace, groups);
    if (parsed && !parsed.ok) throw new Error(parsed.message);
    return { re, parts: parsed?.parts };
  };
  const apply = (compiled: Side, number: string): string | null => {
    if (!compiled) return number;
    if (number.length > MAX_NUMBER_LENGTH) return null;
    const found = compiled.re.exec(number);
    if (!found) return null;
    return compiled.parts ? expandReplacement(compiled.parts, (index) => found[index]) : number;
  };
  const compiled = rules.map((rule) => ({
    rule,
    sources: rule.sourceConnections.length > 0 ? new Set(rule.sourceConnections) : undefined,
    called: side(rule.called),
    calling: side(rule.calling),
  }));
  return (call: CallToRoute) => {
    const steps = [];
    let { called, calling } = call;
    let target: RouteTarget | undefined;
    let emergency = false;
    for (const { rule, sources, called: c1, calling: c2 } of compiled) {
      if (sources && !sources.has(call.source)) continue;
      const newCalled = apply(c1, called);
      if (newCalled === null) continue;
      const newCalling = apply(c2, calling);
      if (newCalling === null) continue;
      steps.push({
        ruleId: rule.id,
        called: { before: called, after: newCalled },
        calling: { before: calling, after: newCalling },
      });
      called = newCalled;
      calling = newCalling;
      emergency ||= rule.emergency;
      if (rule.target) target = rule.target;
      if (rule.onMatch === 'stop') break;
    }
    return { steps, called, calling, target, emergency };
  };
}

function perSecond(run: (call: CallToRoute) => unknown): number {
  for (let i = 0; i < 5_000; i++) run(CALLS[i % CALLS.length]!); // warm up the JIT
  const started = performance.now();
  for (let i = 0; i < EVALUATIONS; i++) run(CALLS[i % CALLS.length]!);
  return EVALUATIONS / ((performance.now() - started) / 1000);
}

/** One RegExp test in a worker, stopped after LIMIT_S: null when it gave up. */
function regExpInWorker(source: string, input: string): Promise<number | null> {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const re = new RegExp(workerData.source);
    const started = performance.now();
    re.test(workerData.input);
    parentPort.postMessage(performance.now() - started);`;
  const worker = new Worker(code, { eval: true, workerData: { source, input } });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => void worker.terminate().then(() => resolve(null)), LIMIT_S * 1000);
    worker.once('message', (ms: number) => {
      clearTimeout(timer);
      void worker.terminate().then(() => resolve(ms));
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

const rules = fiftyRules();
const table = compileRouteTable(rules);
if (rules.length !== 50) throw new Error(`the table has ${rules.length} rules, not 50`);
if (!table.ok) throw new Error(table.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
const onRegExp = regExpEvaluator(rules);
for (const call of CALLS) {
  const a = evaluate(table.table, call);
  const b = onRegExp(call);
  if (
    a.called !== b.called ||
    a.calling !== b.calling ||
    JSON.stringify(a.target) !== JSON.stringify(b.target)
  )
    throw new Error(`the two evaluators disagree on ${JSON.stringify(call)}`);
}
const re2 = perSecond((call) => evaluate(table.table, call));
const native = perSecond(onRegExp);
const fmt = (n: number) => Math.round(n).toLocaleString('en');
console.log(
  `${rules.length}-rule route table, ${EVALUATIONS.toLocaleString('en')} evaluations over ${CALLS.length} calls:`,
);
console.log(`  re2js (the engine)   ${fmt(re2).padStart(10)} evaluations/s`);
console.log(
  `  RegExp (the anchor)  ${fmt(native).padStart(10)} evaluations/s  (re2js at ${((re2 / native) * 100).toFixed(0)}%)`,
);

console.log(`^(\\d+)+$ on N digits plus a letter (no match), RegExp limited to ${LIMIT_S} s:`);
const catastrophic = compileNumberPattern('^(\\d+)+$');
if (!catastrophic.ok) throw new Error(catastrophic.error.message);
for (let i = 0; i < 1_000; i++) catastrophic.pattern.test(`${'1'.repeat(i % 64)}a`); // warm up
for (const digits of LENGTHS) {
  const input = `${'1'.repeat(digits)}a`;
  const started = performance.now();
  for (let i = 0; i < 10_000; i++) catastrophic.pattern.test(input);
  const re2Ms = (performance.now() - started) / 10_000;
  const regExpMs = await regExpInWorker('^(\\d+)+$', input);
  const regExpText = regExpMs === null ? `gave up after ${LIMIT_S} s` : `${(regExpMs / 1000).toFixed(2)} s`;
  console.log(
    `  ${String(digits).padStart(2)} digits: re2js ${(re2Ms * 1000).toFixed(1)} µs, RegExp ${regExpText}`,
  );
  if (regExpMs === null) break;
}
