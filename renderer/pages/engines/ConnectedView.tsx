// A logged-in engine: who it is, how it is doing, and the session's actions.
import { Button, makeStyles, MessageBar, MessageBarBody, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EngineView } from '../../../electron/api/contract.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { useApiCall } from '../../api/useApiCall.ts';
import { ApiErrorBar } from '../../components/ApiErrorBar.tsx';
import { ChangePasswordDialog } from './ChangePasswordDialog.tsx';
import { IdentityView } from './IdentityView.tsx';
import { StatusView } from './StatusView.tsx';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
});

export interface ConnectedViewProps {
  engine: EngineView;
  onUpdate: (view: EngineView) => void;
  onReload: () => void;
}

export function ConnectedView({ engine, onUpdate, onReload }: ConnectedViewProps) {
  const { t } = useTranslation('engines');
  const styles = useStyles();
  const api = useApi();
  const logout = useApiCall();
  const [changing, setChanging] = useState(false);
  const [changed, setChanged] = useState(false);

  async function logOut() {
    const view = await logout.run(() => api.engines.logout({ engineId: engine.id }));
    if (view) onUpdate(view);
  }

  return (
    <div className={styles.root}>
      <div className={styles.actions}>
        <Button onClick={() => void logOut()} disabled={logout.busy}>
          {t('session.logout')}
        </Button>
        <Button
          onClick={() => {
            setChanged(false);
            setChanging(true);
          }}
        >
          {t('session.changePassword')}
        </Button>
      </div>
      <ApiErrorBar failure={logout.failure} />
      {changed ? (
        <MessageBar intent="success">
          <MessageBarBody>{t('changePassword.done')}</MessageBarBody>
        </MessageBar>
      ) : null}
      <IdentityView engine={engine} />
      <StatusView engine={engine} onSessionLost={onReload} />
      {changing ? (
        <ChangePasswordDialog
          engine={engine}
          onClose={(done) => {
            setChanging(false);
            setChanged(done);
          }}
        />
      ) : null}
    </div>
  );
}
