export { inspectCertificateMaterial, type InspectOptions } from './inspect.ts';
export { keyMatches } from './key-info.ts';
export * from './types.ts';
