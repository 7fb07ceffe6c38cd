// The calls in progress, with both legs' Call-IDs, a duration that ticks between polls, and
// "Tear down" behind a confirmation (it drops the call for both parties).
import {
  Badge,
  Button,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from '@fluentui/react-components';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/ApiContext.tsx';
import { useApiCall } from '../../api/useApiCall.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { formatDuration, liveDuration, sortCalls, type ActiveCall } from './operationsViewModel.ts';

const STATE_COLOR = {
  trying: 'informative',
  early: 'warning',
  answered: 'success',
  confirmed: 'success',
  ended: 'subtle',
} as const;

export function CallsTable(props: {
  engineId: string;
  calls: readonly ActiveCall[];
  polledAt: number;
  now: number;
  onChanged: () => void;
}) {
  const { t } = useTranslation('operations');
  const api = useApi();
  const teardown = useApiCall();
  const [asking, setAsking] = useState<ActiveCall | undefined>();

  async function onConfirm() {
    if (!asking) return;
    const done = await teardown.run(() =>
      api.operations.teardown({ engineId: props.engineId, id: asking.id }),
    );
    if (done) {
      setAsking(undefined);
      props.onChanged();
    }
  }

  if (props.calls.length === 0) return <Text data-testid="operations-no-calls">{t('calls.none')}</Text>;
  return (
    <>
      <Table size="small" aria-label={t('calls.heading')} data-testid="operations-calls">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t('calls.calling')}</TableHeaderCell>
            <TableHeaderCell>{t('calls.called')}</TableHeaderCell>
            <TableHeaderCell>{t('calls.connection')}</TableHeaderCell>
            <TableHeaderCell>{t('calls.state')}</TableHeaderCell>
            <TableHeaderCell>{t('calls.duration')}</TableHeaderCell>
            <TableHeaderCell>{t('calls.callIds')}</TableHeaderCell>
            <TableHeaderCell>{t('calls.actions')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {sortCalls(props.calls).map((call) => (
            <TableRow key={call.id} data-testid="operations-call" data-call={call.id} data-state={call.state}>
              <TableCell>{call.calling}</TableCell>
              <TableCell>{call.called}</TableCell>
              <TableCell>
                {call.a.connection} → {call.b?.connection ?? '–'}
              </TableCell>
              <TableCell>
                <Badge appearance="tint" color={STATE_COLOR[call.state]}>
                  {t(`calls.states.${call.state}`)}
                </Badge>
              </TableCell>
              <TableCell data-testid="operations-call-duration">
                {formatDuration(liveDuration(call, props.polledAt, props.now))}
              </TableCell>
              <TableCell>
                <Text font="monospace" size={200}>
                  {call.a.callId}
                  <br />
                  {call.b?.callId ?? t('calls.noOutLeg')}
                </Text>
              </TableCell>
              <TableCell>
                <Button
                  size="small"
                  disabled={call.state === 'ended'}
                  aria-label={t('calls.teardownLabel', { calling: call.calling, called: call.called })}
                  onClick={() => {
                    teardown.clear();
                    setAsking(call);
                  }}
                  data-testid="operations-teardown"
                >
                  {t('calls.teardown')}
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <ConfirmDialog
        open={asking !== undefined}
        title={t('calls.confirmTitle')}
        confirmLabel={t('calls.teardown')}
        busy={teardown.busy}
        failure={teardown.failure}
        onConfirm={() => void onConfirm()}
        onCancel={() => setAsking(undefined)}
      >
        <Text>
          {t('calls.confirmBody', { calling: asking?.calling ?? '', called: asking?.called ?? '' })}
        </Text>
      </ConfirmDialog>
    </>
  );
}
