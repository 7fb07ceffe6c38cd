export { buildChain, type ChainOptions, type ChainResult } from './build.ts';
export type { Purpose } from './checks.ts';
export { pickLeaf } from './leaf.ts';
export { hasErrors, type Problem, type ProblemCode, type Severity } from './problem.ts';
