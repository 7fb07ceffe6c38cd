// Placeholder for pages that later releases fill: it says so plainly and offers nothing that
// could look like it works.
import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  Title2,
  tokens,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { PageId } from './navigation.ts';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '640px' },
});

export function NotAvailablePage({ page, onGoToEngines }: { page: PageId; onGoToEngines: () => void }) {
  const { t } = useTranslation('shell');
  const styles = useStyles();
  const name = t(`nav.${page}`);
  return (
    <div className={styles.page} data-testid="not-available">
      <Title2 as="h1">{name}</Title2>
      <MessageBar intent="info">
        <MessageBarBody>
          <MessageBarTitle>{t('notAvailable.title')}</MessageBarTitle>
          {t('notAvailable.body', { page: name })}
        </MessageBarBody>
      </MessageBar>
      <Text>{t('notAvailable.next')}</Text>
      <div>
        <Button onClick={onGoToEngines}>{t('notAvailable.goToEngines')}</Button>
      </div>
    </div>
  );
}
