// Adds an engine by "host:port". The address is checked here with the engine's own parser first,
// so a typo is explained before anything goes over the network.
import { Button, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { EngineView } from '../../../electron/api/contract.ts';
import { DEFAULT_MGMT_PORT } from '../../../sbc-engine/config/defaults.ts';
import { parseHostPort } from '../../../sbc-engine/config/host-port.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { useApiCall } from '../../api/useApiCall.ts';
import { ApiErrorBar } from '../../components/ApiErrorBar.tsx';
import { fieldError } from '../../i18n/apiErrors.ts';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

export function AddEngineForm({ onAdded }: { onAdded: (view: EngineView) => void }) {
  const { t } = useTranslation('engines');
  const styles = useStyles();
  const api = useApi();
  const call = useApiCall();
  const [address, setAddress] = useState('');
  const [name, setName] = useState('');
  const [localProblem, setLocalProblem] = useState<string | undefined>();
  const addressError = fieldError(call.failure?.error, 'address');

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = parseHostPort(address, DEFAULT_MGMT_PORT);
    // The parser's reason is English; it is shown as a detail after the translated sentence.
    setLocalProblem(parsed.ok ? undefined : parsed.error);
    if (!parsed.ok) return;
    const view = await call.run(() =>
      api.engines.add({ address: address.trim(), ...(name.trim() ? { name: name.trim() } : {}) }),
    );
    if (view) {
      setAddress('');
      setName('');
      onAdded(view);
    }
  }

  const reason = localProblem ?? addressError?.message;
  const problem = reason
    ? `${t('add.addressInvalid')} ${t('errors:detail', { message: reason })}`
    : undefined;
  return (
    <form className={styles.form} onSubmit={(event) => void submit(event)} aria-label={t('add.heading')}>
      <Field
        label={t('add.address')}
        hint={t('add.addressHint', { port: DEFAULT_MGMT_PORT })}
        validationState={problem ? 'error' : 'none'}
        validationMessage={problem}
      >
        <Input
          value={address}
          onChange={(_e, data) => setAddress(data.value)}
          placeholder="sbc.example.com:8743"
        />
      </Field>
      <Field label={t('add.name')}>
        <Input value={name} onChange={(_e, data) => setName(data.value)} />
      </Field>
      {addressError ? null : <ApiErrorBar failure={call.failure} />}
      <div>
        <Button type="submit" disabled={call.busy || !address.trim()}>
          {t('add.submit')}
        </Button>
      </div>
    </form>
  );
}
