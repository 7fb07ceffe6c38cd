// An engine that does not answer: what to check next, retry, and for the bundled engine a way
// to start it.
import { Button, makeStyles, Spinner, Subtitle1, Text, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { EngineView } from '../../../electron/api/contract.ts';
import { DEFAULT_MGMT_PORT } from '../../../sbc-engine/config/defaults.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { useApiCall } from '../../api/useApiCall.ts';
import { ApiErrorBar } from '../../components/ApiErrorBar.tsx';
import { portOf } from './format.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '640px' },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  detail: { fontFamily: tokens.fontFamilyMonospace, color: tokens.colorNeutralForeground3 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
});

export function UnreachableView({
  engine,
  onUpdate,
}: {
  engine: EngineView;
  onUpdate: (view: EngineView) => void;
}) {
  const { t } = useTranslation('engines');
  const styles = useStyles();
  const api = useApi();
  const retry = useApiCall();
  const start = useApiCall();

  async function run(call: typeof retry, request: () => ReturnType<typeof api.engines.refresh>) {
    const view = await call.run(request);
    if (view) onUpdate(view);
  }

  return (
    <div className={styles.root} data-testid="engine-unreachable">
      <Subtitle1 as="h3">{t('unreachable.heading')}</Subtitle1>
      {engine.lastError ? (
        <Text className={styles.detail}>{t('unreachable.lastError', { message: engine.lastError })}</Text>
      ) : null}
      <Text>{t('unreachable.check')}</Text>
      <ul className={styles.list}>
        <li>{t('unreachable.running')}</li>
        <li>{t('unreachable.address', { port: portOf(engine.address) ?? DEFAULT_MGMT_PORT })}</li>
        <li>{t('unreachable.firewall')}</li>
      </ul>
      {engine.bundled ? <Text>{t('unreachable.bundledHint')}</Text> : null}
      <div className={styles.actions}>
        <Button
          onClick={() => void run(retry, () => api.engines.refresh({ engineId: engine.id }))}
          disabled={retry.busy}
          icon={retry.busy ? <Spinner size="tiny" /> : undefined}
        >
          {t('unreachable.retry')}
        </Button>
        {engine.bundled ? (
          <Button
            appearance="primary"
            onClick={() => void run(start, () => api.engines.startBundled({}))}
            disabled={start.busy}
            icon={start.busy ? <Spinner size="tiny" /> : undefined}
          >
            {t('unreachable.startBundled')}
          </Button>
        ) : null}
      </div>
      <ApiErrorBar failure={retry.failure ?? start.failure} />
    </div>
  );
}
