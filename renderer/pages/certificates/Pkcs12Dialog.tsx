// Import a .pfx / .p12 (what Windows admins export from the certificate store): key, certificate
// and chain in one file, opened with its password on the engine. The password is never kept here.
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
  Text,
  tokens,
} from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/ApiContext.tsx';
import { useApiCall } from '../../api/useApiCall.ts';
import { ApiErrorBar } from '../../components/ApiErrorBar.tsx';
import { fieldError } from '../../i18n/apiErrors.ts';
import { CertificateFileField } from './CertificateFileField.tsx';
import { ChainProblems } from './ChainProblems.tsx';
import type { ChainResult } from './wizardSteps.ts';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

export function Pkcs12Dialog({
  engineId,
  onChanged,
  onClose,
}: {
  engineId: string;
  onChanged: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('certificates');
  const styles = useStyles();
  const api = useApi();
  const call = useApiCall();
  const [label, setLabel] = useState('');
  const [dataBase64, setData] = useState('');
  const [password, setPassword] = useState('');
  const [result, setResult] = useState<ChainResult | undefined>();
  const canSubmit = label.trim().length > 0 && dataBase64.length > 0;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!canSubmit || call.busy) return;
    const imported = await call.run(() =>
      api.certificates.importPfx({ engineId, label: label.trim(), dataBase64, password }),
    );
    if (!imported) return;
    setPassword('');
    setResult(imported);
    onChanged();
  }

  return (
    <Dialog open modalType="modal" onOpenChange={(_e, data) => !data.open && onClose()}>
      <DialogSurface>
        <form onSubmit={(event) => void submit(event)} data-testid="pkcs12-dialog">
          <DialogBody>
            <DialogTitle>{t('pkcs12.title')}</DialogTitle>
            <DialogContent className={styles.content}>
              {result ? (
                <>
                  <Text data-testid="pkcs12-imported">{t('pkcs12.imported', { label: label.trim() })}</Text>
                  <ChainProblems result={result} />
                </>
              ) : (
                <>
                  <Text>{t('pkcs12.intro')}</Text>
                  <Field
                    label={t('pkcs12.label')}
                    required
                    validationMessage={fieldError(call.failure?.error, 'label')?.message}
                  >
                    <Input value={label} data-testid="pkcs12-label" onChange={(_e, d) => setLabel(d.value)} />
                  </Field>
                  <CertificateFileField
                    label={t('pkcs12.file')}
                    accept=".pfx,.p12"
                    allowPaste={false}
                    testId="pkcs12"
                    error={fieldError(call.failure?.error, 'dataBase64')?.message}
                    onChange={setData}
                  />
                  <Field label={t('pkcs12.password')} hint={t('pkcs12.passwordHint')}>
                    <Input
                      type="password"
                      value={password}
                      autoComplete="off"
                      data-testid="pkcs12-password"
                      onChange={(_e, d) => setPassword(d.value)}
                    />
                  </Field>
                  <ApiErrorBar failure={call.failure} />
                </>
              )}
            </DialogContent>
            <DialogActions>
              <Button onClick={onClose} data-testid="pkcs12-close">
                {t(result ? 'wizard.finish' : 'wizard.cancel')}
              </Button>
              {result ? null : (
                <Button
                  appearance="primary"
                  type="submit"
                  disabled={!canSubmit || call.busy}
                  icon={call.busy ? <Spinner size="tiny" /> : undefined}
                  data-testid="pkcs12-import"
                >
                  {t('wizard.import')}
                </Button>
              )}
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
