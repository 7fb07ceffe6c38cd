// Change the admin password of a connected engine; the new one must meet the same rule as at setup.
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  Spinner,
  tokens,
} from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { EngineView } from '../../../electron/api/contract.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { useApiCall } from '../../api/useApiCall.ts';
import { ApiErrorBar } from '../../components/ApiErrorBar.tsx';
import { PasswordFields } from './PasswordFields.tsx';
import { checkNewPassword } from './passwordRules.ts';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

export function ChangePasswordDialog({
  engine,
  onClose,
}: {
  engine: EngineView;
  onClose: (changed: boolean) => void;
}) {
  const { t } = useTranslation('engines');
  const styles = useStyles();
  const api = useApi();
  const call = useApiCall();
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const canSubmit = current.length > 0 && checkNewPassword(password, repeat).ok;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!canSubmit || call.busy) return;
    const done = await call.run(() =>
      api.engines.changePassword({ engineId: engine.id, currentPassword: current, newPassword: password }),
    );
    if (done) onClose(true);
  }

  return (
    <Dialog open modalType="modal" onOpenChange={(_e, data) => !data.open && onClose(false)}>
      <DialogSurface>
        <form onSubmit={(event) => void submit(event)} data-testid="change-password-dialog">
          <DialogBody>
            <DialogTitle>{t('changePassword.title')}</DialogTitle>
            <DialogContent className={styles.content}>
              <Field label={t('changePassword.current')}>
                <Input
                  type="password"
                  autoComplete="current-password"
                  value={current}
                  onChange={(_e, data) => setCurrent(data.value)}
                />
              </Field>
              <PasswordFields
                password={password}
                repeat={repeat}
                onPassword={setPassword}
                onRepeat={setRepeat}
                passwordLabel={t('changePassword.newLabel')}
                repeatLabel={t('changePassword.repeatLabel')}
              />
              <ApiErrorBar failure={call.failure} />
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={() => onClose(false)}>
                {t('shell:common.cancel')}
              </Button>
              <Button
                type="submit"
                appearance="primary"
                disabled={!canSubmit || call.busy}
                icon={call.busy ? <Spinner size="tiny" /> : undefined}
              >
                {t('changePassword.submit')}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
