// The engines the app knows, with the certificate fingerprint it pinned for each. Persisted in
// the settings store; sessions are not (a restart of the app asks for the password again).
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { SettingsStore } from '../settings/settings-store.ts';

export const BUNDLED_ENGINE_ID = 'bundled';
const KEY = 'engines';

const KnownEngine = z.object({
  id: z.string(),
  name: z.string(),
  host: z.string(),
  port: z.number().int(),
  bundled: z.boolean(),
  pinnedFingerprint: z.string().optional(),
});
export type KnownEngine = z.infer<typeof KnownEngine>;

export class EngineRegistry {
  private readonly store: SettingsStore;

  constructor(store: SettingsStore) {
    this.store = store;
  }

  list(): KnownEngine[] {
    const stored = this.store.get(KEY);
    // Entry by entry: one damaged record (a hand-edited settings file) must not hide the others.
    return (Array.isArray(stored) ? stored : []).flatMap((entry: unknown) => {
      const parsed = KnownEngine.safeParse(entry);
      return parsed.success ? [parsed.data] : [];
    });
  }

  get(id: string): KnownEngine | undefined {
    return this.list().find((engine) => engine.id === id);
  }

  add(engine: Omit<KnownEngine, 'id'> & { id?: string }): KnownEngine {
    const record: KnownEngine = { ...engine, id: engine.id ?? randomUUID() };
    this.save([...this.list().filter((e) => e.id !== record.id), record]);
    return record;
  }

  update(id: string, changes: Partial<Omit<KnownEngine, 'id'>>): KnownEngine | undefined {
    let updated: KnownEngine | undefined;
    this.save(this.list().map((e) => (e.id === id ? (updated = { ...e, ...changes }) : e)));
    return updated;
  }

  remove(id: string): void {
    this.save(this.list().filter((e) => e.id !== id));
  }

  private save(engines: KnownEngine[]): void {
    this.store.set(KEY, engines);
  }
}
