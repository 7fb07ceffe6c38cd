// An engine waiting for its first-time setup: explains and opens the wizard.
import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EngineView } from '../../../electron/api/contract.ts';
import { SetupWizard } from './SetupWizard.tsx';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, alignItems: 'flex-start' },
});

export function SetupPanel({
  engine,
  onUpdate,
}: {
  engine: EngineView;
  onUpdate: (view: EngineView) => void;
}) {
  const { t } = useTranslation('engines');
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  return (
    <div className={styles.root}>
      <Text>{t('unprovisioned.text')}</Text>
      <Button appearance="primary" onClick={() => setOpen(true)}>
        {t('unprovisioned.setUp')}
      </Button>
      {open ? (
        <SetupWizard
          engine={engine}
          onClose={() => setOpen(false)}
          onDone={(view) => {
            setOpen(false);
            onUpdate(view);
          }}
        />
      ) : null}
    </div>
  );
}
