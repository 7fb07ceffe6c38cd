// The engine's status (GET /status), fetched again whenever the list re-checked the engine.
import { Spinner, Subtitle1 } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EngineView, Output } from '../../../electron/api/contract.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { toFailure, type Failure } from '../../api/useApiCall.ts';
import { ApiErrorBar } from '../../components/ApiErrorBar.tsx';
import { formatDateTime, formatUptime } from './format.ts';
import { DefinitionList, Row } from '../../components/DefinitionList.tsx';

export function StatusView({ engine, onSessionLost }: { engine: EngineView; onSessionLost: () => void }) {
  const { t, i18n } = useTranslation('engines');
  const api = useApi();
  const [status, setStatus] = useState<Output<'engines.status'> | undefined>();
  const [failure, setFailure] = useState<Failure | undefined>();

  useEffect(() => {
    let cancelled = false;
    void api.engines.status({ engineId: engine.id }).then((result) => {
      if (cancelled) return;
      if (result.ok) {
        setStatus(result.value);
        setFailure(undefined);
      } else {
        setFailure(toFailure(result.error));
        // The list knows better what state the engine is in now (needs-login, unreachable…).
        if (result.error.code === 'session-expired' || result.error.code === 'certificate-changed')
          onSessionLost();
      }
    });
    return () => {
      cancelled = true;
    };
    // onSessionLost must be stable (useCallback): a new one would request the status again.
  }, [api, engine.id, engine.checkedAt, onSessionLost]);

  return (
    <section aria-labelledby="status-heading" data-testid="engine-status">
      <Subtitle1 as="h3" id="status-heading">
        {t('status.heading')}
      </Subtitle1>
      <ApiErrorBar failure={failure} />
      {status ? (
        <DefinitionList>
          <Row term={t('status.uptime')} testId="status-uptime">
            {formatUptime(status.uptimeSeconds, (unit, count) => t(`status.${unit}`, { count }))}
          </Row>
          <Row term={t('status.startedAt')} testId="status-started-at">
            {formatDateTime(status.startedAt, i18n.language)}
          </Row>
        </DefinitionList>
      ) : failure ? null : (
        <Spinner size="tiny" label={t('status.loading')} />
      )}
    </section>
  );
}
