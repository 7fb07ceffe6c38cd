// The Engines page: the list on the left (with "add by address"), the selected engine on the right.
import { Button, makeStyles, Spinner, Subtitle2, Text, Title2, tokens } from '@fluentui/react-components';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiCall } from '../../api/useApiCall.ts';
import { ApiErrorBar } from '../../components/ApiErrorBar.tsx';
import { AddEngineForm } from './AddEngineForm.tsx';
import { EngineDetails } from './EngineDetails.tsx';
import { EngineList } from './EngineList.tsx';
import { FindEnginesPanel } from './FindEnginesPanel.tsx';
import { keepSelection } from './engineViewModel.ts';
import { useEngines } from './useEngines.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  header: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
  },
  columns: { display: 'flex', gap: tokens.spacingHorizontalXXL, alignItems: 'flex-start', flexWrap: 'wrap' },
  side: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    width: '300px',
    flexShrink: 0,
  },
  details: { flexGrow: 1, flexBasis: '420px', minWidth: 0 },
});

export function EnginesPage() {
  const { t } = useTranslation('engines');
  const styles = useStyles();
  const { engines, failure, reload, update, forget, refreshAll } = useEngines();
  const refreshing = useApiCall();
  const [chosenId, setChosenId] = useState<string | undefined>();
  const selectedId = keepSelection(engines ?? [], chosenId);
  const selected = engines?.find((engine) => engine.id === selectedId);
  const onReload = useCallback(() => void reload(), [reload]);

  return (
    <div className={styles.root}>
      <div className={styles.header}>
        <Title2 as="h1">{t('title')}</Title2>
        <Button
          onClick={() => void refreshing.run(async () => ({ ok: true, value: await refreshAll() }))}
          disabled={refreshing.busy || !engines}
          icon={refreshing.busy ? <Spinner size="tiny" /> : undefined}
        >
          {t('refresh')}
        </Button>
      </div>
      <ApiErrorBar failure={failure} />
      <div className={styles.columns}>
        <div className={styles.side}>
          {engines ? (
            <EngineList engines={engines} selectedId={selectedId} onSelect={setChosenId} />
          ) : failure ? null : (
            <Spinner size="small" label={t('loading')} />
          )}
          <section aria-labelledby="add-engine-heading">
            <Subtitle2 as="h2" id="add-engine-heading">
              {t('add.heading')}
            </Subtitle2>
            <AddEngineForm
              onAdded={(view) => {
                update(view);
                setChosenId(view.id);
              }}
            />
          </section>
        </div>
        <div className={styles.details}>
          {selected ? (
            <EngineDetails
              engine={selected}
              onUpdate={update}
              onReload={onReload}
              onRemoved={(engineId) => {
                forget(engineId);
                onReload();
              }}
            />
          ) : engines ? (
            <Text>{t('selectPrompt')}</Text>
          ) : null}
        </div>
      </div>
      <FindEnginesPanel
        onAdded={(view) => {
          update(view);
          setChosenId(view.id);
        }}
        onShow={setChosenId}
      />
    </div>
  );
}
