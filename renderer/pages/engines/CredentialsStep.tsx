// Step 2 of the setup wizard: the one-time setup key and the new admin password.
import { Button, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EngineView } from '../../../electron/api/contract.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { useApiCall } from '../../api/useApiCall.ts';
import { ApiErrorBar } from '../../components/ApiErrorBar.tsx';
import { PasswordFields } from './PasswordFields.tsx';
import type { CredentialsInput } from './setupWizard.ts';

const useStyles = makeStyles({
  step: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  keyRow: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalS },
  keyField: { flexGrow: 1 },
});

export interface CredentialsStepProps {
  engine: EngineView;
  value: CredentialsInput;
  /**
   * Merged into the latest input by the wizard: the setup key read from this computer arrives
   * after a delay, and must not undo a password typed meanwhile.
   */
  onChange: (changes: Partial<CredentialsInput>) => void;
  /** The setup key was refused: point at the field. */
  setupKeyRefused: boolean;
}

export function CredentialsStep({ engine, value, onChange, setupKeyRefused }: CredentialsStepProps) {
  const { t } = useTranslation('engines');
  const styles = useStyles();
  const api = useApi();
  const read = useApiCall();
  const [readDone, setReadDone] = useState(false);

  async function readLocalKey() {
    const result = await read.run(() => api.engines.readLocalSetupKey({ engineId: engine.id }));
    if (result) {
      onChange({ setupKey: result.setupKey });
      setReadDone(true);
    }
  }

  return (
    <div className={styles.step}>
      <div className={styles.keyRow}>
        <Field
          className={styles.keyField}
          label={t('setupKey.label')}
          hint={t('setupKey.hint')}
          validationState={setupKeyRefused ? 'error' : readDone ? 'success' : 'none'}
          validationMessage={
            setupKeyRefused ? t('errors:wrong-setup-key') : readDone ? t('setupKey.readDone') : undefined
          }
        >
          <Input
            value={value.setupKey}
            spellCheck={false}
            autoComplete="off"
            onChange={(_e, data) => {
              setReadDone(false);
              onChange({ setupKey: data.value });
            }}
          />
        </Field>
      </div>
      {engine.bundled ? (
        <div>
          <Button disabled={read.busy} onClick={() => void readLocalKey()}>
            {t('setupKey.readLocal')}
          </Button>
        </div>
      ) : null}
      <ApiErrorBar failure={read.failure} />
      <PasswordFields
        password={value.password}
        repeat={value.repeat}
        onPassword={(password) => onChange({ password })}
        onRepeat={(repeat) => onChange({ repeat })}
        passwordLabel={t('password.newLabel')}
        repeatLabel={t('password.repeatLabel')}
      />
    </div>
  );
}
