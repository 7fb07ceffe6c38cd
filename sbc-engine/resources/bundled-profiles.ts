// The provider profiles shipped in resources/profiles/, read through the profiles' one door with the
// bundled roots' names, so a profile that trusts a root we do not ship is refused at load. Used by the
// CLI and the app's services; resources/ is found the same way the engine finds it.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CA_FOLDER, CA_INDEX_FILE, parseRootIndex } from '../certs/bundled-roots.ts';
import { loadProfiles, PROFILES_FOLDER, type Profile } from '../config/profiles/index.ts';

/** Every profile in resources/profiles/, checked against the schema and the bundled CA roots. */
export async function loadBundledProfiles(dir: string): Promise<Profile[]> {
  const indexPath = join(dir, CA_FOLDER, CA_INDEX_FILE);
  const roots = parseRootIndex(await readFile(indexPath, 'utf8'), indexPath).roots.map((root) => root.name);
  const folder = join(dir, PROFILES_FOLDER);
  return loadProfiles(
    { list: () => readdir(folder), read: (name) => readFile(join(folder, name), 'utf8') },
    { bundledRoots: roots },
  );
}
