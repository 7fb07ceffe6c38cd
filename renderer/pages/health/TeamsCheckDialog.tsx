// The Teams check: pick the engine (and the gateway's SipSignalingPort), run, read the steps in order.
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
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/ApiContext.tsx';
import { useApiCall } from '../../api/useApiCall.ts';
import { ApiErrorBar } from '../../components/ApiErrorBar.tsx';
import type { EngineHealth, TeamsCheck } from './healthViewModel.ts';
import { HealthBadge } from './StateBadge.tsx';

const useStyles = makeStyles({
  steps: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, paddingLeft: tokens.spacingHorizontalL },
  step: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  form: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
}); // prettier-ignore

export function TeamsCheckDialog({ engines, onClose }: { engines: EngineHealth[]; onClose: () => void }) {
  const { t } = useTranslation('health');
  const styles = useStyles();
  const api = useApi();
  const [engineId, setEngineId] = useState(engines[0]?.engineId ?? '');
  const [port, setPort] = useState('5061');
  const [result, setResult] = useState<TeamsCheck | undefined>();
  const { busy, failure, run } = useApiCall();
  const engine = engines.find((e) => e.engineId === engineId);

  async function check() {
    setResult(undefined);
    const value = await run(() => api.health.teamsCheck({ engineId, sipSignalingPort: Number(port) || 5061 }));
    if (value) setResult(value);
  }

  return (
    <Dialog open onOpenChange={(_event, data) => (data.open ? undefined : onClose())}>
      <DialogSurface data-testid="teams-check-dialog">
        <DialogBody>
          <DialogTitle>{t('teams.title', { engine: engine?.name ?? '' })}</DialogTitle>
          <DialogContent>
            <Text as="p">{t('teams.intro')}</Text>
            <div className={styles.form}>
              <Field label={t('teams.engine')}>
                <Select value={engineId} onChange={(_e, data) => setEngineId(data.value)}>
                  {engines.map((e) => (
                    <option key={e.engineId} value={e.engineId}>
                      {e.name}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field label={t('teams.port')}>
                <Input type="number" value={port} onChange={(_e, data) => setPort(data.value)} data-testid="teams-check-port" />
              </Field>
            </div>
            <ApiErrorBar failure={failure} />
            {busy ? <Spinner size="small" label={t('teams.running')} /> : null}
            {result ? (
              <>
                <MessageBar intent={result.status === 'ok' ? 'success' : result.status === 'warning' ? 'warning' : 'error'} data-testid="teams-check-status" data-status={result.status}>
                  <MessageBarBody>{t(`teams.result.${result.status}`)}</MessageBarBody>
                </MessageBar>
                <ol className={styles.steps} data-testid="teams-check-steps">
                  {result.steps.map((step) => (
                    <li key={step.id} className={styles.step} data-testid="teams-check-step" data-step={step.id} data-status={step.status}>
                      <Text weight="semibold">
                        <HealthBadge state={step.status} testId="teams-check-step-state" />{' '}
                        {t(`teams.steps.${step.id}`, { ...step.values, root: 'DigiCert Global Root G2', defaultValue: step.title })}
                      </Text>
                      <Text>{step.detail}</Text>
                      {step.fix ? <Text>{t('teams.fix', { fix: step.fix })}</Text> : null}
                    </li>
                  ))}
                </ol>
              </>
            ) : null}
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose}>{t('shell:common.close')}</Button>
            <Button appearance="primary" disabled={busy || !engineId} onClick={() => void check()} data-testid="teams-check-run">
              {busy ? t('teams.running') : t('teams.run')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
} // prettier-ignore
