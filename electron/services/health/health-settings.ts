// The health settings live in the app's settings store next to the language and the known engines.
import type { SettingsStore } from '../settings/settings-store.ts';
import { DEFAULT_HEALTH_SETTINGS, HealthSettings } from '../../api/health-views.ts';

const KEY = 'health';

export function readHealthSettings(store: SettingsStore): HealthSettings {
  const saved = HealthSettings.partial().safeParse(store.get(KEY));
  return { ...DEFAULT_HEALTH_SETTINGS, ...(saved.success ? saved.data : {}) };
}

export function writeHealthSettings(store: SettingsStore, changes: Partial<HealthSettings>): HealthSettings {
  const next = HealthSettings.parse({ ...readHealthSettings(store), ...changes });
  store.set(KEY, next);
  return next;
}
