// The import table of CONVENTIONS.md, as enforced by eslint.config.js: one row per rule, each
// linted as if it were a file at that path. Rows that must pass use their import, so that only
// the boundary rules can make them fail.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { ESLint } from 'eslint';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const eslint = new ESLint({ cwd: root, overrideConfigFile: 'eslint.config.js' });
const BOUNDARY_RULES = new Set(['@typescript-eslint/no-restricted-imports', 'no-restricted-globals']);

interface Row {
  file: string;
  code: string;
  allowed: boolean;
}

const use = (spec: string, name = 'm') =>
  `import * as ${name} from '${spec}';\nexport const used = ${name};\n`;
const useType = (spec: string) => `import type { SbcApi } from '${spec}';\nexport type Used = SbcApi;\n`;

const rows: Row[] = [
  // renderer/: React and UI code, types from electron/api/, sbc-engine/config/; never Node or electron.
  { file: 'renderer/pages/engines/rows.ts', code: use('node:fs'), allowed: false },
  { file: 'renderer/pages/engines/rows.ts', code: use('fs'), allowed: false },
  { file: 'renderer/pages/engines/rows.ts', code: use('path'), allowed: false },
  { file: 'renderer/pages/engines/rows.ts', code: use('child_process'), allowed: false },
  { file: 'renderer/pages/engines/rows.ts', code: use('node:net'), allowed: false },
  { file: 'renderer/pages/engines/rows.ts', code: use('electron'), allowed: false },
  { file: 'renderer/app/App.tsx', code: `import 'electron';\n`, allowed: false },
  {
    file: 'renderer/pages/engines/rows.ts',
    code: `import { contract } from '../../../electron/api/contract.ts';\nexport const used = contract;\n`,
    allowed: false,
  },
  {
    file: 'renderer/pages/engines/rows.ts',
    code: useType('../../../electron/api/contract.ts'),
    allowed: true,
  },
  {
    file: 'renderer/pages/engines/rows.ts',
    code: use('../../../electron/services/dispatch.ts'),
    allowed: false,
  },
  {
    file: 'renderer/pages/engines/rows.ts',
    code: useType('../../../electron/services/dispatch.ts'),
    allowed: false,
  },
  {
    file: 'renderer/pages/engines/rows.ts',
    code: use('../../../electron/host/browser-host.ts'),
    allowed: false,
  },
  { file: 'renderer/pages/engines/rows.ts', code: use('../../../electron/cli/main.ts'), allowed: false },
  { file: 'renderer/pages/engines/rows.ts', code: use('../../../electron/preload.ts'), allowed: false },
  {
    file: 'renderer/pages/engines/rows.ts',
    code: use('../../../sbc-engine/mgmt/contract.ts'),
    allowed: false,
  },
  {
    file: 'renderer/pages/engines/rows.ts',
    code: use('../../../sbc-engine/runtime/engine.ts'),
    allowed: false,
  },
  {
    file: 'renderer/pages/engines/rows.ts',
    code: use('../../../sbc-engine/config/password-rule.ts'),
    allowed: true,
  },
  { file: 'renderer/pages/engines/EnginesPage.tsx', code: use('react'), allowed: true },
  { file: 'renderer/pages/engines/EnginesPage.tsx', code: use('@fluentui/react-components'), allowed: true },
  { file: 'renderer/pages/engines/EnginesPage.tsx', code: use('./rows.ts'), allowed: true },

  // electron/services, host, cli: Node and the engine's libraries, never `electron` or its runtime.
  { file: 'electron/services/x.ts', code: `import 'electron';\n`, allowed: false },
  { file: 'electron/services/engines/x.ts', code: use('electron'), allowed: false },
  { file: 'electron/host/x.ts', code: use('electron'), allowed: false },
  { file: 'electron/cli/x.ts', code: use('electron/main'), allowed: false },
  {
    file: 'electron/services/engines/x.ts',
    code: use('../../../sbc-engine/runtime/engine.ts'),
    allowed: false,
  },
  {
    file: 'electron/services/engines/x.ts',
    code: use('../../../sbc-engine/mgmt/http-server.ts'),
    allowed: false,
  },
  {
    file: 'electron/services/engines/x.ts',
    code: use('../../../sbc-engine/transport/udp.ts'),
    allowed: false,
  },
  { file: 'electron/services/engines/x.ts', code: use('../../../sbc-engine/b2bua/call.ts'), allowed: false },
  { file: 'electron/services/engines/x.ts', code: use('../../../sbc-engine/media/relay.ts'), allowed: false },
  { file: 'electron/cli/x.ts', code: use('../../sbc-engine/cli.ts'), allowed: false },
  { file: 'electron/host/x.ts', code: use('../../renderer/app/App.tsx'), allowed: false },
  {
    file: 'electron/services/engines/x.ts',
    code: use('../../../sbc-engine/mgmt/contract.ts'),
    allowed: true,
  },
  { file: 'electron/services/engines/x.ts', code: use('../../../sbc-engine/sip/parser.ts'), allowed: true },
  {
    file: 'electron/services/engines/x.ts',
    code: use('../../../sbc-engine/config/defaults.ts'),
    allowed: true,
  },
  {
    file: 'electron/services/engines/x.ts',
    code: use('../../../sbc-engine/diag/options-probe.ts'),
    allowed: true,
  },
  {
    file: 'electron/services/engines/x.ts',
    code: use('../../../sbc-engine/certs/fingerprint.ts'),
    allowed: true,
  },
  { file: 'electron/services/engines/x.ts', code: use('../../api/contract.ts'), allowed: true },
  { file: 'electron/services/engines/x.ts', code: use('node:fs'), allowed: true },

  // electron/preload.ts: `electron` and ./api/ only (it is bundled into one sandboxed file).
  { file: 'electron/preload.ts', code: use('electron'), allowed: true },
  { file: 'electron/preload.ts', code: use('./api/build-api.ts'), allowed: true },
  { file: 'electron/preload.ts', code: use('node:fs'), allowed: false },
  { file: 'electron/preload.ts', code: use('./services/dispatch.ts'), allowed: false },
  { file: 'electron/preload.ts', code: use('./api/../services/dispatch.ts'), allowed: false },
  { file: 'electron/preload.ts', code: use('zod'), allowed: false },

  // electron/main.ts is where `electron` belongs.
  { file: 'electron/main.ts', code: use('electron'), allowed: true },

  // sbc-engine/: never the app.
  { file: 'sbc-engine/mgmt/x.ts', code: use('electron'), allowed: false },
  { file: 'sbc-engine/mgmt/x.ts', code: use('../../electron/api/contract.ts'), allowed: false },
  { file: 'sbc-engine/runtime/x.ts', code: useType('../../electron/api/contract.ts'), allowed: false },
  { file: 'sbc-engine/mgmt/x.ts', code: use('../../renderer/app/App.tsx'), allowed: false },
  { file: 'sbc-engine/mgmt/x.ts', code: use('node:https'), allowed: true },
  { file: 'sbc-engine/mgmt/x.ts', code: use('../runtime/engine.ts'), allowed: true },

  // sbc-engine/config/: imported by the renderer, so free of Node.
  { file: 'sbc-engine/config/x.ts', code: use('node:fs'), allowed: false },
  { file: 'sbc-engine/config/x.ts', code: use('zod'), allowed: true },

  // Protocol cores: no sockets, files or timers of their own.
  { file: 'sbc-engine/sip/x.ts', code: use('node:dgram'), allowed: false },
  { file: 'sbc-engine/sip/x.ts', code: use('dgram'), allowed: false },
  { file: 'sbc-engine/sip/transactions/x.ts', code: use('node:net'), allowed: false },
  { file: 'sbc-engine/sip/x.ts', code: use('node:fs'), allowed: false },
  { file: 'sbc-engine/sip/x.ts', code: use('fs/promises'), allowed: false },
  { file: 'sbc-engine/sip/x.ts', code: use('node:timers'), allowed: false },
  { file: 'sbc-engine/sip/x.ts', code: use('electron'), allowed: false },
  { file: 'sbc-engine/sip/x.ts', code: use('../../electron/api/contract.ts'), allowed: false },
  { file: 'sbc-engine/sip/x.ts', code: `export const t = setTimeout(() => {}, 500);\n`, allowed: false },
  { file: 'sbc-engine/media/srtp/x.ts', code: use('node:net'), allowed: false },
  { file: 'sbc-engine/media/srtp/x.ts', code: use('node:crypto'), allowed: true },
  { file: 'sbc-engine/sip/x.ts', code: use('node:crypto'), allowed: true },
  { file: 'sbc-engine/sip/x.ts', code: use('./message.ts'), allowed: true },
  { file: 'sbc-engine/transport/x.ts', code: use('node:dgram'), allowed: true },

  // Tests may reach anywhere.
  { file: 'test/unit/electron/x.test.ts', code: use('../../../sbc-engine/runtime/engine.ts'), allowed: true },
];

for (const row of rows) {
  const firstLine = row.code.split('\n')[0];
  test(`${row.allowed ? 'allows' : 'rejects'} in ${row.file}: ${firstLine}`, async () => {
    const [result] = await eslint.lintText(row.code, { filePath: `${root}${row.file}` });
    const errors = result!.messages.filter((m) => m.severity === 2);
    if (row.allowed) {
      assert.deepEqual(
        errors.map((m) => `${m.ruleId}: ${m.message}`),
        [],
      );
    } else {
      assert.ok(
        errors.some((m) => m.ruleId !== null && BOUNDARY_RULES.has(m.ruleId)),
        `expected a boundary error, got: ${JSON.stringify(errors.map((m) => m.ruleId))}`,
      );
    }
  });
}
