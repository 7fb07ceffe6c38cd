import { Settings } from '../../api/contract.ts';
import type { SettingsStore } from './settings-store.ts';

const KEY = 'settings';

export function defaultLanguage(locale: string): Settings['language'] {
  return locale.toLowerCase().startsWith('de') ? 'de' : 'en';
}

export class SettingsService {
  private readonly store: SettingsStore;
  private readonly locale: string;

  constructor(store: SettingsStore, locale: string) {
    this.store = store;
    this.locale = locale;
  }

  get(): Settings {
    const saved = Settings.partial().safeParse(this.store.get(KEY));
    return { language: defaultLanguage(this.locale), ...(saved.success ? saved.data : {}) };
  }

  update(changes: Partial<Settings>): Settings {
    const next = { ...this.get(), ...changes };
    this.store.set(KEY, next);
    return next;
  }
}
