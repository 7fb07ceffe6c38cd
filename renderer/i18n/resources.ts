// Every namespace of the UI, registered once. A page adds its strings.ts here.
import { strings as shell } from '../app/strings.ts';
import { strings as backups } from '../pages/backups/strings.ts';
import { strings as certificates } from '../pages/certificates/strings.ts';
import { strings as configuration } from '../pages/configuration/strings.ts';
import { strings as engines } from '../pages/engines/strings.ts';
import { strings as health } from '../pages/health/strings.ts';
import { strings as operations } from '../pages/operations/strings.ts';
import { strings as syslog } from '../pages/syslog/strings.ts';
import { strings as errors } from './errorStrings.ts';

export const LANGUAGES = ['en', 'de'] as const;
export type LanguageCode = (typeof LANGUAGES)[number];

export const NAMESPACES = {
  shell,
  errors,
  engines,
  certificates,
  configuration,
  health,
  syslog,
  backups,
  operations,
} as const;
export type Namespace = keyof typeof NAMESPACES;

/** i18next's resource shape: language → namespace → strings. */
export function buildResources(): Record<LanguageCode, Record<Namespace, object>> {
  const resources = {} as Record<LanguageCode, Record<Namespace, object>>;
  for (const language of LANGUAGES) {
    resources[language] = {} as Record<Namespace, object>;
    for (const [name, strings] of Object.entries(NAMESPACES) as [Namespace, Record<LanguageCode, object>][]) {
      resources[language][name] = strings[language];
    }
  }
  return resources;
}

/** The UI language for a browser locale when the user has not chosen one. */
export function languageForLocale(locale: string | undefined): LanguageCode {
  return locale?.toLowerCase().startsWith('de') ? 'de' : 'en';
}

/** All dotted key paths of a strings object, for checks that two languages say the same things. */
export function keyPaths(strings: object, prefix = ''): string[] {
  return Object.entries(strings).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null
      ? keyPaths(value as object, `${prefix}${key}.`)
      : [`${prefix}${key}`],
  );
}

/** Looks up a dotted key path (segments may contain '-' but not '.'). */
export function lookup(strings: object, path: string): unknown {
  let node: unknown = strings;
  for (const part of path.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}
