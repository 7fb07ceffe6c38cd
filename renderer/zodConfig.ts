// The strict CSP forbids eval, and zod otherwise probes for it (new Function) before its first
// parse: a probe the CSP reports as a violation. Without JIT zod parses the same, a little slower.
// Imported first by main.tsx, before any schema is used.
import { z } from 'zod';

z.config({ jitless: true });
