// The config draft being edited, saved as the admin types (the renderer strips typed passwords
// first), so a crash or a closed window loses nothing. One slot: the draft of the editor.
import { ServiceError } from '../service-error.ts';
import type { SettingsStore } from '../settings/settings-store.ts';

const KEY = 'configDraft';
/** A config is a few kilobytes; anything near this is not a draft of one. */
export const MAX_DRAFT_BYTES = 2 * 1024 * 1024;

export interface SavedDraft {
  name: string;
  savedAt: string;
  config: unknown;
}

export class DraftsService {
  private readonly store: SettingsStore;

  constructor(store: SettingsStore) {
    this.store = store;
  }

  get(): SavedDraft | null {
    const saved = this.store.get(KEY) as Partial<SavedDraft> | undefined;
    if (!saved || typeof saved.name !== 'string' || typeof saved.savedAt !== 'string' || !('config' in saved))
      return null;
    return { name: saved.name, savedAt: saved.savedAt, config: saved.config };
  }

  save(name: string, config: unknown): { savedAt: string } {
    const text = JSON.stringify(config ?? null);
    if (text.length > MAX_DRAFT_BYTES) {
      throw new ServiceError('invalid-input', `config: the draft is larger than ${MAX_DRAFT_BYTES} bytes`, {
        field: 'config',
      });
    }
    const savedAt = new Date().toISOString();
    this.store.set(KEY, { name, savedAt, config: JSON.parse(text) as unknown });
    return { savedAt };
  }

  clear(): void {
    this.store.set(KEY, null);
  }
}
