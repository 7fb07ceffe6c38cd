// i18next with react-i18next. Strings are bundled (no loading over the network: the CSP and the
// offline jump host both want that), so initialisation is synchronous.
import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { buildResources, languageForLocale, NAMESPACES, type LanguageCode } from './resources.ts';

export function setupI18n(initial: LanguageCode = languageForLocale(navigator.language)): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: buildResources(),
    lng: initial,
    fallbackLng: 'en',
    ns: Object.keys(NAMESPACES),
    defaultNS: 'shell',
    // React escapes what it renders; escaping here would show &amp; to the user.
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  document.documentElement.lang = initial;
  instance.on('languageChanged', (language) => {
    document.documentElement.lang = language;
  });
  return instance;
}
