// The ordered route rules of the config, compiled once when it is applied and evaluated for every
// new call: which rules match, what they make of the called and calling numbers, and where the call
// goes. Pure: no I/O, no clock, the same answer for the same call, so the number tester in the UI
// and the engine agree.
import { compileNumberPattern, type NumberPattern } from './number-pattern.ts';

export type RouteTarget = { connection: string } | { failoverGroup: string };

/** The structural shape of a route in the config schema (sbc-engine/config/ uses the same names). */
export interface RouteRule {
  id: string;
  description?: string;
  /** Connections a call may come from; empty = any. */
  sourceConnections: string[];
  called?: { match: string; replace?: string };
  calling?: { match: string; replace?: string };
  target?: RouteTarget;
  onMatch: 'stop' | 'continue';
  emergency: boolean;
}

export interface CompiledRouteRule {
  readonly rule: RouteRule;
  readonly sources: ReadonlySet<string> | undefined;
  readonly called: NumberPattern | undefined;
  readonly calling: NumberPattern | undefined;
}

export interface CompiledRouteTable {
  readonly rules: readonly CompiledRouteRule[];
}

export interface RouteTableError {
  /** Where in the config, e.g. `routes[3].called.match`. */
  path: string;
  message: string;
  /** 0-based index into the field at `path`, when the problem has a place. */
  position?: number;
}

export type CompileRouteTableResult =
  { ok: true; table: CompiledRouteTable } | { ok: false; errors: RouteTableError[] };

/** Reports every problem at once, so the routes page can mark them all. */
export function compileRouteTable(rules: readonly RouteRule[]): CompileRouteTableResult {
  const errors: RouteTableError[] = [];
  const compiled: CompiledRouteRule[] = [];
  const firstWithId = new Map<string, number>();
  rules.forEach((rule, index) => {
    const path = `routes[${index}]`;
    const earlier = firstWithId.get(rule.id);
    // Steps and logs name rules by id, so two rules with one id would make a trace ambiguous.
    if (earlier !== undefined)
      errors.push({
        path: `${path}.id`,
        message: `the id "${rule.id}" is already used by routes[${earlier}]`,
      });
    else firstWithId.set(rule.id, index);
    const numbers: Partial<Record<'called' | 'calling', NumberPattern>> = {};
    for (const side of ['called', 'calling'] as const) {
      const spec = rule[side];
      if (!spec) continue;
      const result = compileNumberPattern(spec.match, spec.replace);
      if (result.ok) numbers[side] = result.pattern;
      else {
        const { field, message, position } = result.error;
        errors.push({
          path: `${path}.${side}.${field}`,
          message,
          ...(position === undefined ? {} : { position }),
        });
      }
    }
    compiled.push({
      rule,
      sources: rule.sourceConnections.length > 0 ? new Set(rule.sourceConnections) : undefined,
      called: numbers.called,
      calling: numbers.calling,
    });
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, table: { rules: compiled } };
}

export interface CallToRoute {
  /** The connection the call came in on. */
  source: string;
  called: string;
  calling: string;
}

export interface RouteStep {
  ruleId: string;
  onMatch: 'stop' | 'continue';
  called: { before: string; after: string };
  calling: { before: string; after: string };
}

export interface RouteDecision {
  /** Each rule that matched, in order. */
  steps: RouteStep[];
  called: string;
  calling: string;
  target: RouteTarget | undefined;
  /** The rule the target came from. */
  targetRuleId: string | undefined;
  emergency: boolean;
  /** Why the call has no target, in plain words; undefined when it has one. */
  noRoute: string | undefined;
}

/**
 * Rules are tried in order, each once, so evaluation ends after at most `rules.length` steps.
 *
 * - A rule matches when its source list is empty or holds the call's source, and each pattern it
 *   has matches the numbers as the earlier rules left them. Both translations apply together.
 * - 'continue' applies the translation and goes on with the new numbers. A target on a continue
 *   rule is remembered as the fallback: a later matching rule with its own target replaces it
 *   (the more specific rule usually comes later), and when the table ends, or a stopping rule has
 *   no target, the call goes to the remembered one. A stop rule without a target and nothing
 *   remembered is how an admin blocks numbers: no target, and `noRoute` says which rule stopped.
 * - `emergency` is set once any matching rule is marked emergency, and later rules cannot clear
 *   it: a call to 112 stays an emergency call whatever normalisation follows.
 */
export function evaluate(table: CompiledRouteTable, call: CallToRoute): RouteDecision {
  const steps: RouteStep[] = [];
  let { called, calling } = call;
  let target: RouteTarget | undefined;
  let targetRuleId: string | undefined;
  let emergency = false;
  let stoppedBy: string | undefined;
  for (const { rule, sources, called: calledPattern, calling: callingPattern } of table.rules) {
    if (sources && !sources.has(call.source)) continue;
    const newCalled = calledPattern ? calledPattern.apply(called) : called;
    if (newCalled === null) continue;
    const newCalling = callingPattern ? callingPattern.apply(calling) : calling;
    if (newCalling === null) continue;
    steps.push({
      ruleId: rule.id,
      onMatch: rule.onMatch,
      called: { before: called, after: newCalled },
      calling: { before: calling, after: newCalling },
    });
    called = newCalled;
    calling = newCalling;
    emergency ||= rule.emergency;
    if (rule.target) {
      target = rule.target;
      targetRuleId = rule.id;
    }
    if (rule.onMatch === 'stop') {
      stoppedBy = rule.id;
      break;
    }
  }
  return {
    steps,
    called,
    calling,
    target,
    targetRuleId,
    emergency,
    noRoute: target ? undefined : why(steps, stoppedBy),
  };
}

function why(steps: readonly RouteStep[], stoppedBy: string | undefined): string {
  if (steps.length === 0) return 'no route matched';
  if (stoppedBy !== undefined) return `no route matched: rule "${stoppedBy}" stops without a target`;
  const ids = steps.map((step) => `"${step.ruleId}"`).join(', ');
  return `no route matched: ${steps.length === 1 ? 'rule' : 'rules'} ${ids} changed the numbers but none gives a target`;
}
