import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The two commands of the README's "The two commands" section: [start, test]. */
export function readmeCommands(root: string): { start: string; test: string } {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((s) => s.startsWith('The two commands'));
  if (!section) throw new Error('README.md has no "## The two commands" section');
  const blocks = [...section.matchAll(/```sh\n([^`]+?)\n```/g)].map((m) => m[1]!.trim());
  if (blocks.length !== 2) throw new Error(`expected two command blocks, found ${blocks.length}`);
  return { start: blocks[0]!, test: blocks[1]! };
}
