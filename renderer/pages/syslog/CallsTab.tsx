// The call list: newest first, sortable by every column, filtered by number/name/Call-ID, OPTIONS
// and REGISTER dialogs hidden unless the one switch shows them. A row opens the call's ladder.
import {
  Button,
  Input,
  makeStyles,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallView } from '../../../electron/api/contract.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { toFailure, useApiCall, type Failure } from '../../api/useApiCall.ts';
import { ApiErrorBar } from '../../components/ApiErrorBar.tsx';
import { CALL_COLUMNS, filterCalls, finalText, formatDuration, sortCalls, type CallColumn, type SortDirection } from './callsViewModel.ts'; // prettier-ignore
import { saveBlob } from './download.ts';
import { formatTime } from './tailBuffer.ts';

export const CALLS_POLL_MS = 3000;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  toolbar: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
  table: { overflowX: 'auto', maxHeight: '520px', overflowY: 'auto' },
  row: { cursor: 'pointer' },
  failed: { color: tokens.colorPaletteRedForeground1 },
});

export function CallsTab({ onOpen }: { onOpen: (call: CallView) => void }) {
  const { t } = useTranslation('syslog');
  const styles = useStyles();
  const api = useApi();
  const exporting = useApiCall();
  const [calls, setCalls] = useState<CallView[] | undefined>();
  const [complete, setComplete] = useState(true);
  const [failure, setFailure] = useState<Failure | undefined>();
  const [keepalives, setKeepalives] = useState(false);
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<{ column: CallColumn; direction: SortDirection }>({ column: 'time', direction: 'descending' }); // prettier-ignore

  const load = useCallback(async () => {
    const result = await api.syslog.calls({ includeKeepalives: keepalives });
    if (result.ok) {
      setCalls(result.value.calls);
      setComplete(result.value.complete);
      setFailure(undefined);
    } else setFailure(toFailure(result.error));
  }, [api, keepalives]);

  useEffect(() => {
    let stopped = false;
    let timer: number | undefined;
    async function tick() {
      await load();
      if (!stopped) timer = window.setTimeout(() => void tick(), CALLS_POLL_MS);
    }
    void tick();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [load]);

  const shown = useMemo(
    () => sortCalls(filterCalls(calls ?? [], filter), sort.column, sort.direction),
    [calls, filter, sort],
  );

  function header(column: CallColumn) {
    const direction = sort.column === column ? sort.direction : undefined;
    return (
      <TableHeaderCell
        key={column}
        sortDirection={direction}
        onClick={() =>
          setSort({ column, direction: direction === 'descending' ? 'ascending' : 'descending' })
        }
        data-testid={`calls-sort-${column}`}
      >
        {t(`columns.${column}`)}
      </TableHeaderCell>
    );
  }

  async function exportCsv() {
    const value = await exporting.run(() => api.syslog.exportCalls({ includeKeepalives: keepalives }));
    if (value) saveBlob(value.fileName, new Blob([value.csv], { type: 'text/csv' }));
  }

  return (
    <div className={styles.root} data-testid="syslog-calls">
      <div className={styles.toolbar}>
        <Input
          aria-label={t('calls.filter')}
          placeholder={t('calls.filter')}
          value={filter}
          onChange={(_e, d) => setFilter(d.value)}
          data-testid="calls-filter"
        />
        <Switch
          checked={keepalives}
          onChange={(_e, d) => setKeepalives(d.checked)}
          label={t('calls.showKeepalives')}
          data-testid="calls-keepalives"
        />
        <Button onClick={() => void load()}>{t('calls.refresh')}</Button>
        <Button onClick={() => void exportCsv()} disabled={exporting.busy} data-testid="calls-export-csv">
          {t('calls.exportCsv')}
        </Button>
        <Text data-testid="calls-count">{t('calls.count', { count: shown.length })}</Text>
      </div>
      <ApiErrorBar failure={failure ?? exporting.failure} />
      {!complete ? <Text>{t('calls.incomplete')}</Text> : null}
      {calls && calls.length === 0 ? <Text>{t('calls.empty')}</Text> : null}
      <div className={styles.table}>
        <Table size="small" aria-label={t('tabs.calls')} data-testid="calls-table">
          <TableHeader>
            <TableRow>{CALL_COLUMNS.map(header)}</TableRow>
          </TableHeader>
          <TableBody>
            {shown.map((call) => (
              <TableRow
                key={call.id}
                className={styles.row}
                tabIndex={0}
                aria-label={t('calls.open')}
                data-testid="call-row"
                data-call-id={call.id}
                data-kind={call.kind}
                onClick={() => onOpen(call)}
                onKeyUp={(e) => (e.key === 'Enter' ? onOpen(call) : undefined)}
              >
                <TableCell>{formatTime(call.startTime)}</TableCell>
                <TableCell>{call.from ?? ''}</TableCell>
                <TableCell>{call.to ?? ''}</TableCell>
                <TableCell>{t(`state.${call.state}`)}</TableCell>
                <TableCell>{formatDuration(call.durationMs)}</TableCell>
                <TableCell
                  className={call.finalStatus && call.finalStatus >= 400 ? styles.failed : undefined}
                >
                  {finalText(call)}
                </TableCell>
                <TableCell>{call.connection ?? call.peer ?? ''}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </div>
  );
}
