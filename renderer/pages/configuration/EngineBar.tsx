// Where the draft comes from: a connected engine's config (load it to edit and apply), or a file.
import { Button, Label, makeStyles, Select, Spinner, Text, tokens, useId } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { connectedEngines, pickEngine } from '../certificates/certificateViewModel.ts';
import { displayName } from '../engines/engineViewModel.ts';
import { useEngines } from '../engines/useEngines.ts';

const useStyles = makeStyles({
  bar: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

export function EngineBar(props: {
  busy: boolean;
  loadedFrom: string | undefined;
  changed: boolean;
  onLoad: (engineId: string, name: string) => void;
}) {
  const { t } = useTranslation('configuration');
  const styles = useStyles();
  const selectId = useId('config-engine');
  const { engines } = useEngines();
  const connected = useMemo(() => connectedEngines(engines ?? []), [engines]);
  const [chosen, setChosen] = useState<string | undefined>();
  const [confirming, setConfirming] = useState(false);
  const engineId = pickEngine(connected, chosen ?? props.loadedFrom);
  const engine = connected.find((candidate) => candidate.id === engineId);
  const name = engine ? displayName(engine, t('engines:bundledName')) : '';

  if (connected.length === 0) {
    return <Text data-testid="config-no-engine">{t('engineBar.none')}</Text>;
  }
  return (
    <div className={styles.bar}>
      <Label htmlFor={selectId}>{t('engineBar.engine')}</Label>
      <Select
        id={selectId}
        value={engineId}
        onChange={(_e, d) => setChosen(d.value)}
        data-testid="config-engine"
      >
        {connected.map((candidate) => (
          <option key={candidate.id} value={candidate.id}>
            {displayName(candidate, t('engines:bundledName'))} ({candidate.address})
          </option>
        ))}
      </Select>
      <Button
        disabled={!engineId || props.busy}
        icon={props.busy ? <Spinner size="tiny" /> : undefined}
        onClick={() => (props.changed ? setConfirming(true) : engineId && props.onLoad(engineId, name))}
        data-testid="config-load-engine"
      >
        {t('engineBar.load')}
      </Button>
      <ConfirmDialog
        open={confirming}
        title={t('engineBar.replaceTitle')}
        confirmLabel={t('engineBar.load')}
        onConfirm={() => {
          setConfirming(false);
          if (engineId) props.onLoad(engineId, name);
        }}
        onCancel={() => setConfirming(false)}
      >
        <Text>{t('engineBar.replaceBody')}</Text>
      </ConfirmDialog>
    </div>
  );
}
