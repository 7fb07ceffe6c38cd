// "Find engines": the network search (DNS-SD) and the address/range scan, side by side with the
// engine list. What is added goes through engines.add, then the usual certificate check.
import { makeStyles, Subtitle1, Subtitle2, Text, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { EngineView } from '../../../electron/api/contract.ts';
import { NetworkSearch } from './NetworkSearch.tsx';
import { ScanForm } from './ScanForm.tsx';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    paddingTop: tokens.spacingVerticalL,
  },
  part: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

export function FindEnginesPanel({
  onAdded,
  onShow,
}: {
  onAdded: (view: EngineView) => void;
  onShow: (engineId: string) => void;
}) {
  const { t } = useTranslation('engines');
  const styles = useStyles();
  return (
    <section className={styles.root} aria-labelledby="find-engines-heading" data-testid="find-engines">
      <Subtitle1 as="h2" id="find-engines-heading">
        {t('find.heading')}
      </Subtitle1>
      <Text>{t('find.intro')}</Text>
      <Text size={200}>{t('find.addHint')}</Text>
      <div className={styles.part}>
        <Subtitle2 as="h3">{t('find.networkHeading')}</Subtitle2>
        <NetworkSearch onAdded={onAdded} onShow={onShow} />
      </div>
      <div className={styles.part}>
        <Subtitle2 as="h3">{t('find.scanHeading')}</Subtitle2>
        <ScanForm onAdded={onAdded} onShow={onShow} />
      </div>
    </section>
  );
}
