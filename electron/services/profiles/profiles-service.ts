// The provider profiles for the "add from profile" wizard: read once from resources/profiles/
// through the profiles' one door (a broken file is reported, never half-loaded).
import type { Profile } from '../../../sbc-engine/config/profiles/index.ts';
import { loadBundledProfiles } from '../../../sbc-engine/resources/bundled-profiles.ts';
import { ServiceError } from '../service-error.ts';

export class ProfilesService {
  private readonly resourcesDir: string | undefined;
  private loaded: Promise<Profile[]> | undefined;

  constructor(resourcesDir: string | undefined) {
    this.resourcesDir = resourcesDir;
  }

  list(): Promise<Profile[]> {
    this.loaded ??= this.load();
    // A failed read is not cached: the next call tries again (the folder may be restored).
    this.loaded.catch(() => (this.loaded = undefined));
    return this.loaded;
  }

  private async load(): Promise<Profile[]> {
    const dir = this.resourcesDir;
    if (!dir) {
      throw new ServiceError(
        'internal',
        'The provider profiles cannot be found (no resources folder next to SBC Studio); reinstall it.',
      );
    }
    try {
      return await loadBundledProfiles(dir);
    } catch (error) {
      throw new ServiceError('internal', `The provider profiles cannot be read: ${(error as Error).message}`);
    }
  }
}
