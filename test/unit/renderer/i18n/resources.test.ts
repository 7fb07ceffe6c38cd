// Every string exists in English and German, with the same placeholders, and German is not just
// a copy of English.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  buildResources,
  keyPaths,
  languageForLocale,
  lookup,
  NAMESPACES,
} from '../../../../renderer/i18n/resources.ts';

function placeholders(text: unknown): string[] {
  return [...String(text).matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!).sort();
}

for (const [name, strings] of Object.entries(NAMESPACES)) {
  describe(`namespace "${name}"`, () => {
    const en = keyPaths(strings.en).sort();
    const de = keyPaths(strings.de).sort();

    it('has the same keys in English and German', () => {
      assert.deepEqual(de, en);
    });

    it('has no empty string', () => {
      for (const key of en) assert.ok(String(lookup(strings.en, key)).trim(), `en ${key}`);
      for (const key of de) assert.ok(String(lookup(strings.de, key)).trim(), `de ${key}`);
    });

    it('uses the same placeholders in both languages', () => {
      for (const key of en) {
        assert.deepEqual(placeholders(lookup(strings.de, key)), placeholders(lookup(strings.en, key)), key);
      }
    });
  });
}

describe('German', () => {
  it('uses the agreed German terms', () => {
    assert.equal(NAMESPACES.engines.de.login.submit, 'Anmelden');
    assert.equal(NAMESPACES.engines.de.login.password, 'Passwort');
    assert.equal(NAMESPACES.engines.de.bundledName, 'Lokale Engine');
    assert.equal(NAMESPACES.engines.de.badge.unreachable, 'Nicht erreichbar');
    assert.match(NAMESPACES.engines.de.wizard.title, /^Ersteinrichtung/);
  });

  it('is translated, not copied: most longer strings differ from English', () => {
    for (const [name, strings] of Object.entries(NAMESPACES)) {
      const long = keyPaths(strings.en).filter((key) => String(lookup(strings.en, key)).length > 20);
      const same = long.filter((key) => lookup(strings.en, key) === lookup(strings.de, key));
      assert.deepEqual(same, [], `${name}: untranslated`);
    }
  });
});

describe('buildResources', () => {
  it('registers every namespace for both languages', () => {
    const resources = buildResources();
    assert.deepEqual(Object.keys(resources).sort(), ['de', 'en']);
    assert.deepEqual(Object.keys(resources.de).sort(), Object.keys(NAMESPACES).sort());
    assert.equal(lookup(resources.de.engines, 'login.submit'), 'Anmelden');
  });
});

describe('languageForLocale', () => {
  it('picks German for German locales and English otherwise', () => {
    assert.equal(languageForLocale('de-AT'), 'de');
    assert.equal(languageForLocale('DE'), 'de');
    assert.equal(languageForLocale('en-US'), 'en');
    assert.equal(languageForLocale('fr-FR'), 'en');
    assert.equal(languageForLocale(undefined), 'en');
  });
});
