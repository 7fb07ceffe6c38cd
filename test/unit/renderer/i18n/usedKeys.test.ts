// Every literal key a component passes to t() exists, so a typo shows here and not as a raw key
// on the user's screen.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { lookup, NAMESPACES, type Namespace } from '../../../../renderer/i18n/resources.ts';

const root = join(import.meta.dirname, '..', '..', '..', '..', 'renderer');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(join(dir, entry.name))
      : /\.tsx?$/.test(entry.name)
        ? [join(dir, entry.name)]
        : [],
  );
}

it('every t("…") key used in the renderer exists in English', () => {
  let checked = 0;
  const missing: string[] = [];
  for (const file of sources(root)) {
    const text = readFileSync(file, 'utf8');
    const defaultNs = /useTranslation\('(\w+)'\)/.exec(text)?.[1] as Namespace | undefined;
    for (const match of text.matchAll(/\bt\(\s*'([^']+)'/g)) {
      const full = match[1]!;
      const [ns, key] = full.includes(':') ? (full.split(':', 2) as [Namespace, string]) : [defaultNs, full];
      checked++;
      // A key with a count resolves to its plural forms (key_one, key_other), as i18next does.
      const exists = (name: string) => typeof lookup(NAMESPACES[ns!].en, name) === 'string';
      if (!ns || !(ns in NAMESPACES) || !(exists(key) || exists(`${key}_other`))) {
        missing.push(`${file.slice(root.length + 1)}: ${full}`);
      }
    }
  }
  assert.deepEqual(missing, []);
  assert.ok(checked > 50, `only ${checked} keys found: is the pattern still right?`);
});
