// English / Deutsch, always named in its own language so a user who cannot read the current
// one still finds theirs.
import { Label, makeStyles, Select, Text, tokens, useId } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type LanguageCode } from '../i18n/resources.ts';
import { useLanguage } from './useLanguage.ts';

const useStyles = makeStyles({
  root: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

export function LanguageSwitch() {
  const { t } = useTranslation('shell');
  const styles = useStyles();
  const id = useId('language');
  const { language, choose, saveFailed } = useLanguage();
  return (
    <div className={styles.root}>
      {saveFailed ? <Text size={200}>{t('language.saveFailed')}</Text> : null}
      <Label htmlFor={id}>{t('language.label')}</Label>
      <Select
        id={id}
        value={language}
        data-testid="language-switch"
        onChange={(_event, data) => void choose(data.value as LanguageCode)}
      >
        {LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code}>
            {t(`language.${code}`)}
          </option>
        ))}
      </Select>
    </div>
  );
}
