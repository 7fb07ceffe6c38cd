// ESLint flat config. Besides typescript-eslint's recommended rules it enforces the import table
// of shared/design/CONVENTIONS.md ("where code runs is visible from its path"), so a stray `fs`
// in the renderer or `electron` in a service fails `npm test` instead of a review.
//
// How the boundaries are written: @typescript-eslint/no-restricted-imports (it understands
// `import type`) with regex patterns on the import specifier. Relative imports are matched by the
// folder names they contain ('../../sbc-engine/runtime/x.ts'). Flat config does not merge one
// rule's options across objects — the last match wins — so every folder gets one entry with all
// of its restrictions, and a nested folder repeats its parent's.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const TS = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];

// --- Restriction groups: each a list of `paths` and `patterns` entries --------------------------

const nodeBuiltins = {
  paths: builtinModules
    .filter((name) => !name.startsWith('_'))
    .map((name) => ({ name, message: 'Node built-ins are not available here (see CONVENTIONS.md).' })),
  patterns: [{ regex: '^node:', message: 'Node built-ins are not available here (see CONVENTIONS.md).' }],
};

const electronPackage = (message) => ({
  paths: [{ name: 'electron', message }],
  patterns: [{ regex: '^electron/', message }],
});

const rendererImports = {
  paths: [],
  patterns: [
    {
      regex: '(^|/)electron/(?!api/)',
      message: 'The renderer talks to main only through window.sbc; import types from electron/api/ only.',
    },
    {
      regex: '(^|/)electron/api/',
      allowTypeImports: true,
      message: 'Import only types from electron/api/ (use `import type`); calls go through window.sbc.',
    },
    {
      regex: '(^|/)sbc-engine/(?!config/)',
      message: 'The renderer may use sbc-engine/config/ only; the engine is reached through window.sbc.',
    },
  ],
};

// Services, the browser-mode host and the CLI may use the engine's libraries, never its runtime.
// mgmt/contract.ts is the management API's one typed description, shared by server and client.
const engineLibrariesOnly = {
  paths: [],
  patterns: [
    {
      regex: '(^|/)sbc-engine/(?!(sip|config|diag|certs|resources|backup)/|mgmt/contract\\.ts$)',
      message:
        'Only the engine libraries sbc-engine/{sip,config,diag,certs,resources,backup}/ and sbc-engine/mgmt/contract.ts; talk to a running engine over its management API.',
    },
    { regex: '(^|/)renderer/', message: 'Main-process code does not import the renderer.' },
  ],
};

const notAppCode = {
  paths: [],
  patterns: [
    {
      regex: '(^|/)(electron|renderer)/',
      message: 'The engine is a separate program: it never imports the app (electron/, renderer/).',
    },
  ],
};

// Protocol cores are pure: bytes in, objects and timer requests out. Sockets live in transport/,
// time comes from an injected clock.
const ioModules = [
  'net',
  'dgram',
  'fs',
  'fs/promises',
  'timers',
  'timers/promises',
  'tls',
  'http',
  'https',
  'http2',
  'child_process',
];
const noIo = {
  paths: ioModules.flatMap((name) =>
    [name, `node:${name}`].map((spec) => ({
      name: spec,
      message: 'Protocol cores do no I/O: inject a transport or clock (see CONVENTIONS.md).',
    })),
  ),
  patterns: [],
};

// config/ is the one engine folder the renderer may import at run time, so it must stay free of Node.
const pureForRenderer = nodeBuiltins;

const preloadOnly = {
  paths: [],
  patterns: [
    {
      regex: '^(?!electron$|\\./api/(?!\\.)[\\w.-]+$)',
      message: 'The sandboxed preload may import only `electron` and ./api/ (it is bundled into one file).',
    },
  ],
};

function restrict(files, ...groups) {
  return {
    files,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: groups.flatMap((g) => g.paths), patterns: groups.flatMap((g) => g.patterns) },
      ],
    },
  };
}

// No timers of their own in protocol cores: the state machines get an injected clock.
const noOwnTimers = {
  'no-restricted-globals': [
    'error',
    ...['setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'clearImmediate'].map(
      (name) => ({ name, message: 'Protocol cores use the injected clock, not their own timers.' }),
    ),
  ],
};

const PROTOCOL_CORES = ['sbc-engine/sip/**/*.ts', 'sbc-engine/media/srtp/**/*.ts'];

export default defineConfig(
  globalIgnores(['dist/', 'node_modules/', 'release/', 'test-results/', '.data/', 'test/fixtures/']),

  js.configs.recommended,
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: {
      globals: Object.fromEntries(
        ['process', 'console', 'URL', 'Buffer', 'globalThis', 'setTimeout', 'clearTimeout'].map((name) => [
          name,
          'readonly',
        ]),
      ),
    },
  },
  tseslint.configs.recommended.map((config) => ({ ...config, files: config.files ?? TS })),
  {
    files: TS,
    rules: {
      // `_`-prefixed names are deliberately unused (callback parameters that fix a position).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
  },

  // --- The import table of CONVENTIONS.md ---
  restrict(
    ['renderer/**/*.{ts,tsx}'],
    nodeBuiltins,
    electronPackage('The renderer is sandboxed: no Electron APIs; use window.sbc.'),
    rendererImports,
  ),
  // Vite's config is a build script that runs in Node, not renderer code.
  { files: ['renderer/vite.config.ts'], rules: { '@typescript-eslint/no-restricted-imports': 'off' } },
  restrict(
    ['electron/services/**/*.ts', 'electron/host/**/*.ts', 'electron/cli/**/*.ts'],
    electronPackage(
      'Only electron/main.ts and its glue import `electron`; services run in browser mode too.',
    ),
    engineLibrariesOnly,
  ),
  restrict(['electron/preload.ts'], preloadOnly),
  restrict(['sbc-engine/**/*.ts'], electronPackage('The engine runs without Electron.'), notAppCode),
  restrict(
    ['sbc-engine/config/**/*.ts'],
    electronPackage('The engine runs without Electron.'),
    notAppCode,
    pureForRenderer,
  ),
  restrict(PROTOCOL_CORES, electronPackage('The engine runs without Electron.'), notAppCode, noIo),
  { files: PROTOCOL_CORES, rules: noOwnTimers },
);
