// First-time setup: compare the certificate, then send the setup key and the new password.
// The engine is captured when the wizard opens: the fingerprint trusted at the end is exactly the
// one the user compared, even if the list refreshes meanwhile.
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Spinner,
  Subtitle2,
} from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { EngineView } from '../../../electron/api/contract.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { useApiCall } from '../../api/useApiCall.ts';
import { ApiErrorBar } from '../../components/ApiErrorBar.tsx';
import { CredentialsStep } from './CredentialsStep.tsx';
import { displayName } from './engineViewModel.ts';
import { FingerprintStep } from './FingerprintStep.tsx';
import {
  canLeaveFingerprintStep,
  checkCredentials,
  checkFingerprint,
  setupRequest,
  type CredentialsInput,
  type WizardStep,
} from './setupWizard.ts';

export interface SetupWizardProps {
  engine: EngineView;
  onClose: () => void;
  onDone: (view: EngineView) => void;
}

/** Mount only while open, so every opening starts from step 1 with the engine as it is now. */
export function SetupWizard(props: SetupWizardProps) {
  const { t } = useTranslation('engines');
  const api = useApi();
  const call = useApiCall();
  const [engine] = useState(props.engine);
  const [step, setStep] = useState<WizardStep>('fingerprint');
  const [typedPrefix, setTypedPrefix] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [credentials, setCredentials] = useState<CredentialsInput>({
    setupKey: '',
    password: '',
    repeat: '',
  });

  const fingerprint = checkFingerprint(engine, typedPrefix);
  const canContinue = canLeaveFingerprintStep(fingerprint, confirmed);
  const canSubmit = checkCredentials(credentials).canSubmit;
  const name = displayName(engine, t('bundledName'));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (step === 'fingerprint') {
      // Next stays disabled until the fingerprint matches and is confirmed; Enter obeys the same rule.
      if (canContinue) setStep('credentials');
      return;
    }
    if (!canSubmit || call.busy) return;
    const view = await call.run(() => api.engines.setup(setupRequest(engine, credentials)));
    if (view) props.onDone(view);
  }

  return (
    <Dialog open modalType="modal" onOpenChange={(_e, data) => !data.open && props.onClose()}>
      <DialogSurface>
        <form onSubmit={(event) => void submit(event)} data-testid="setup-wizard">
          <DialogBody>
            <DialogTitle>{t('wizard.title', { name })}</DialogTitle>
            <DialogContent>
              <Subtitle2 as="h3">{t(step === 'fingerprint' ? 'wizard.step1' : 'wizard.step2')}</Subtitle2>
              {step === 'fingerprint' ? (
                <FingerprintStep
                  engine={engine}
                  check={fingerprint}
                  typedPrefix={typedPrefix}
                  onTypedPrefix={setTypedPrefix}
                  confirmed={confirmed}
                  onConfirmed={setConfirmed}
                />
              ) : (
                <CredentialsStep
                  engine={engine}
                  value={credentials}
                  onChange={(changes) => setCredentials((previous) => ({ ...previous, ...changes }))}
                  setupKeyRefused={call.failure?.error.code === 'wrong-setup-key'}
                />
              )}
              <ApiErrorBar failure={call.failure} />
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={props.onClose}>
                {t('shell:common.cancel')}
              </Button>
              {step === 'credentials' ? (
                <Button appearance="secondary" onClick={() => setStep('fingerprint')} disabled={call.busy}>
                  {t('wizard.back')}
                </Button>
              ) : null}
              <Button
                type="submit"
                appearance="primary"
                disabled={step === 'fingerprint' ? !canContinue : !canSubmit || call.busy}
                icon={call.busy ? <Spinner size="tiny" /> : undefined}
              >
                {t(step === 'fingerprint' ? 'wizard.next' : 'wizard.submit')}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
