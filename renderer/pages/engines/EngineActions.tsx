// Actions that end something, each behind a confirmation: stopping the bundled engine (calls
// drop) and removing an engine from the list.
import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EngineView } from '../../../electron/api/contract.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { useApiCall } from '../../api/useApiCall.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { actionsFor } from './engineViewModel.ts';

const useStyles = makeStyles({ row: { display: 'flex', gap: tokens.spacingHorizontalS } });

export interface EngineActionsProps {
  engine: EngineView;
  name: string;
  onReload: () => void;
  onRemoved: (engineId: string) => void;
}

export function EngineActions({ engine, name, onReload, onRemoved }: EngineActionsProps) {
  const { t } = useTranslation('engines');
  const styles = useStyles();
  const api = useApi();
  const call = useApiCall();
  const [asking, setAsking] = useState<'stop' | 'remove' | undefined>();
  const actions = actionsFor(engine);

  async function confirm() {
    if (asking === 'stop') {
      if (await call.run(() => api.engines.stopBundled({}))) {
        setAsking(undefined);
        onReload();
      }
    } else if (asking === 'remove') {
      if (await call.run(() => api.engines.remove({ engineId: engine.id }))) {
        setAsking(undefined);
        onRemoved(engine.id);
      }
    }
  }

  if (!actions.includes('stopBundled') && !actions.includes('remove')) return null;
  return (
    <div className={styles.row}>
      {actions.includes('stopBundled') ? (
        <Button onClick={() => setAsking('stop')}>{t('bundled.stop')}</Button>
      ) : null}
      {actions.includes('remove') ? (
        <Button onClick={() => setAsking('remove')}>{t('remove.button')}</Button>
      ) : null}
      <ConfirmDialog
        open={asking !== undefined}
        title={asking === 'stop' ? t('bundled.stopTitle') : t('remove.title', { name })}
        confirmLabel={asking === 'stop' ? t('bundled.stopConfirm') : t('remove.confirm')}
        busy={call.busy}
        failure={call.failure}
        onConfirm={() => void confirm()}
        onCancel={() => {
          setAsking(undefined);
          call.clear();
        }}
      >
        <Text>{asking === 'stop' ? t('bundled.stopBody') : t('remove.body')}</Text>
      </ConfirmDialog>
    </div>
  );
}
