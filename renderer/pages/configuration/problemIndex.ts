// Problems (validation errors, linter findings) indexed by the config path they are about, so each
// field finds its own and each collapsed list item knows whether something inside it is wrong.
export interface PathProblem {
  path: string;
  message: string;
  severity: 'error' | 'warning' | 'info';
  /** The linter rule, absent for a validation error. */
  ruleId?: string;
  /** A one-click fix, where the linter has an unambiguous one. */
  fix?: { title: string; apply: () => void };
}

export class ProblemIndex {
  private readonly byPath = new Map<string, PathProblem[]>();
  readonly all: PathProblem[];

  constructor(problems: PathProblem[]) {
    this.all = problems;
    for (const problem of problems) {
      const list = this.byPath.get(problem.path) ?? [];
      list.push(problem);
      this.byPath.set(problem.path, list);
    }
  }

  /** Problems about exactly this path. */
  at(path: string): PathProblem[] {
    return this.byPath.get(path) ?? [];
  }

  /** The worst severity at or below this path ("connections[2]" covers "connections[2].targets[0].port"). */
  worstWithin(path: string): PathProblem['severity'] | undefined {
    let worst: PathProblem['severity'] | undefined;
    for (const problem of this.all) {
      if (!isWithin(problem.path, path)) continue;
      if (problem.severity === 'error') return 'error';
      if (problem.severity === 'warning') worst = 'warning';
      else worst ??= 'info';
    }
    return worst;
  }
}

export function isWithin(path: string, ancestor: string): boolean {
  if (ancestor === '') return true;
  if (!path.startsWith(ancestor)) return false;
  const next = path.charAt(ancestor.length);
  return next === '' || next === '.' || next === '[';
}

/** The section a path belongs to: its first segment ("connections" for "connections[1].name"). */
export function sectionOf(path: string): string {
  return /^[A-Za-z_$][\w$]*/.exec(path)?.[0] ?? '';
}

/** Every ancestor of a path, nearest last: "a[1].b" → ["a", "a[1]", "a[1].b"]. */
export function ancestorsOf(path: string): string[] {
  const out: string[] = [];
  const pattern = /\.?[A-Za-z_$][\w$]*|\[\d+\]|\["(?:[^"\\]|\\.)*"\]/g;
  let text = '';
  for (const match of path.matchAll(pattern)) {
    text += match[0];
    out.push(text);
  }
  return out;
}
