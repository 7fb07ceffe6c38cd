// Log in to a set-up engine. Before the first login to an engine whose certificate was never
// confirmed (set up by someone else), the user compares and trusts it here.
import {
  Button,
  Field,
  Input,
  makeStyles,
  Spinner,
  Subtitle1,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { EngineView } from '../../../electron/api/contract.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { useApiCall } from '../../api/useApiCall.ts';
import { ApiErrorBar, useLockout } from '../../components/ApiErrorBar.tsx';
import { FingerprintStep } from './FingerprintStep.tsx';
import { SetupWizard } from './SetupWizard.tsx';
import { canLeaveFingerprintStep, checkFingerprint } from './setupWizard.ts';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '480px' },
});

export function LoginForm({
  engine,
  onUpdate,
}: {
  engine: EngineView;
  onUpdate: (view: EngineView) => void;
}) {
  const { t } = useTranslation('engines');
  const styles = useStyles();
  const api = useApi();
  const call = useApiCall();
  const [password, setPassword] = useState('');
  // The fingerprint the user compared when ticking the box: if the engine shows another one later
  // (the list refreshes every few seconds), the tick no longer applies.
  const [trustedFingerprint, setTrustedFingerprint] = useState<string | undefined>();
  const [typedPrefix, setTypedPrefix] = useState('');
  // A forgotten password is reset with a new setup key from the engine's console
  // (sbc-engine reset-password); the setup wizard then sets the new password.
  const [reset, setReset] = useState<'closed' | 'help' | 'wizard'>('closed');
  const [missing, setMissing] = useState<'password' | 'trust' | undefined>();
  const lockout = useLockout(call.failure);
  const needsTrust = !engine.pinnedFingerprint;
  const seen = engine.seenFingerprint;
  const confirmed = seen !== undefined && trustedFingerprint === seen;
  // The same comparison as the setup wizard: automatic for the bundled engine, the typed prefix
  // from the engine's console for any other.
  const fingerprintCheck = checkFingerprint(engine, typedPrefix);
  const trust = canLeaveFingerprintStep(fingerprintCheck, confirmed);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (call.busy || (lockout ?? 0) > 0) return;
    if (!password) return setMissing('password');
    if (needsTrust && (!trust || !seen)) return setMissing('trust');
    setMissing(undefined);
    const view = await call.run(() =>
      api.engines.login({
        engineId: engine.id,
        password,
        ...(needsTrust && trustedFingerprint ? { trustFingerprint: trustedFingerprint } : {}),
      }),
    );
    if (view) {
      setPassword('');
      onUpdate(view);
    }
  }

  return (
    <>
      <form className={styles.form} onSubmit={(event) => void submit(event)} data-testid="login-form">
        <Subtitle1 as="h3">{t('login.heading')}</Subtitle1>
        <Text>{t('login.intro')}</Text>
        {needsTrust && seen ? (
          <>
            <Text weight="semibold">{t('login.trustHeading')}</Text>
            <Field
              validationState={missing === 'trust' ? 'error' : 'none'}
              validationMessage={missing === 'trust' ? t('login.trustRequired') : undefined}
            >
              <FingerprintStep
                engine={engine}
                check={fingerprintCheck}
                typedPrefix={typedPrefix}
                onTypedPrefix={setTypedPrefix}
                confirmed={confirmed}
                onConfirmed={(value) => setTrustedFingerprint(value ? seen : undefined)}
              />
            </Field>
          </>
        ) : null}
        <Field
          label={t('login.password')}
          validationState={missing === 'password' ? 'error' : 'none'}
          validationMessage={missing === 'password' ? t('login.required') : undefined}
        >
          <Input
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(_e, data) => setPassword(data.value)}
          />
        </Field>
        <ApiErrorBar failure={call.failure} />
        <div>
          <Button
            type="submit"
            appearance="primary"
            disabled={call.busy || (lockout ?? 0) > 0}
            icon={call.busy ? <Spinner size="tiny" /> : undefined}
          >
            {t('login.submit')}
          </Button>
          <Button type="button" appearance="subtle" onClick={() => setReset('help')}>
            {t('login.forgot')}
          </Button>
        </div>
      </form>
      {/* Outside the form: a submit inside the wizard must not bubble into the login. */}
      {reset === 'help' ? (
        <div className={styles.form}>
          <Text>{t('login.resetHelp')}</Text>
          <div>
            <Button onClick={() => setReset('wizard')}>{t('login.resetOpen')}</Button>
          </div>
        </div>
      ) : null}
      {reset === 'wizard' ? (
        <SetupWizard
          engine={engine}
          onClose={() => setReset('help')}
          onDone={(view) => {
            setReset('closed');
            onUpdate(view);
          }}
        />
      ) : null}
    </>
  );
}
