import { makeStyles, Text, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../engines/format.ts';
import { ExpiryBadge } from './ExpiryBadge.tsx';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: tokens.spacingVerticalXS },
});

export function ValidUntil({ notAfter, daysLeft }: { notAfter: string; daysLeft: number }) {
  const { i18n } = useTranslation('certificates');
  const styles = useStyles();
  return (
    <div className={styles.root}>
      <Text>{formatDateTime(notAfter, i18n.language)}</Text>
      <ExpiryBadge daysLeft={daysLeft} />
    </div>
  );
}
