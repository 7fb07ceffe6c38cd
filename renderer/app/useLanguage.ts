// The UI language follows the saved setting (settings.get at start); choosing another one saves it.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/ApiContext.tsx';
import type { LanguageCode } from '../i18n/resources.ts';

export function useLanguage() {
  const api = useApi();
  const { i18n } = useTranslation('shell');
  const [saveFailed, setSaveFailed] = useState(false);

  useEffect(() => {
    let cancelled = false;
    void api.settings.get({}).then((result) => {
      if (!cancelled && result.ok && result.value.language !== i18n.language) {
        void i18n.changeLanguage(result.value.language);
      }
    });
    return () => {
      cancelled = true;
    };
  }, [api, i18n]);

  const choose = useCallback(
    async (language: LanguageCode) => {
      // Switch at once; saving is for the next start and must not hold the UI up.
      await i18n.changeLanguage(language);
      const result = await api.settings.update({ language });
      setSaveFailed(!result.ok);
    },
    [api, i18n],
  );

  return { language: (i18n.resolvedLanguage ?? 'en') as LanguageCode, choose, saveFailed };
}
