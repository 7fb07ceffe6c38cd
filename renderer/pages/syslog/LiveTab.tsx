// The live tail: polls the newest lines every second, shows them in a windowed list, follows the
// end unless frozen or scrolled up; text and severity filters; click a line for the whole message.
import {
  Button,
  Input,
  Label,
  makeStyles,
  Select,
  Switch,
  Text,
  tokens,
  useId,
} from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LogRowView } from '../../../electron/api/contract.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { toFailure, type Failure } from '../../api/useApiCall.ts';
import { ApiErrorBar } from '../../components/ApiErrorBar.tsx';
import { MessageDialog } from './MessageDialog.tsx';
import { appendTail, EMPTY_TAIL, filterTail, formatTime, oneLine, rowTone, SEVERITIES, severityName, type TailState } from './tailBuffer.ts'; // prettier-ignore
import { VirtualList } from './VirtualList.tsx';

export const TAIL_POLL_MS = 1000;
const ROW_HEIGHT = 24;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  toolbar: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
  row: {
    display: 'grid',
    gridTemplateColumns: '170px 120px 90px 60px 1fr',
    gap: tokens.spacingHorizontalS,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    lineHeight: '24px',
    paddingLeft: tokens.spacingHorizontalXS,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  cell: { overflow: 'hidden', textOverflow: 'ellipsis' },
  active: { backgroundColor: tokens.colorNeutralBackground1Selected },
  error: { color: tokens.colorPaletteRedForeground1 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  'sip-error': { color: tokens.colorPaletteRedForeground2 },
  plain: {},
});

export function LiveTab() {
  const { t } = useTranslation('syslog');
  const styles = useStyles();
  const api = useApi();
  const filterId = useId('tail-filter');
  const severityId = useId('tail-severity');
  const [tail, setTail] = useState<TailState>(EMPTY_TAIL);
  const [frozen, setFrozen] = useState(false);
  const [autoScroll, setAutoScroll] = useState(true);
  const [filter, setFilter] = useState('');
  const [maxSeverity, setMaxSeverity] = useState(7);
  const [failure, setFailure] = useState<Failure | undefined>();
  const [openId, setOpenId] = useState<number | undefined>();
  const cursor = useRef<number | undefined>(undefined);

  useEffect(() => {
    if (frozen) return;
    let stopped = false;
    let timer: number | undefined;
    async function tick() {
      const result = await api.syslog.tail(cursor.current === undefined ? { limit: 1000 } : { after: cursor.current, limit: 5000 }); // prettier-ignore
      if (stopped) return;
      if (result.ok) {
        cursor.current = result.value.lastId;
        setTail((state) => appendTail(state, result.value));
        setFailure(undefined);
      } else setFailure(toFailure(result.error));
      timer = window.setTimeout(() => void tick(), TAIL_POLL_MS);
    }
    void tick();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [api, frozen]);

  const shown = useMemo(() => filterTail(tail.rows, filter, maxSeverity), [tail.rows, filter, maxSeverity]);

  return (
    <div className={styles.root} data-testid="syslog-live">
      <div className={styles.toolbar}>
        <Button onClick={() => setFrozen(!frozen)} data-testid="tail-freeze" aria-pressed={frozen}>
          {frozen ? t('live.resume') : t('live.freeze')}
        </Button>
        <Switch
          checked={autoScroll}
          onChange={(_e, d) => setAutoScroll(d.checked)}
          label={t('live.autoScroll')}
        />
        <Label htmlFor={filterId}>{t('live.filter')}</Label>
        <Input
          id={filterId}
          value={filter}
          onChange={(_e, d) => setFilter(d.value)}
          data-testid="tail-filter"
        />
        <Label htmlFor={severityId}>{t('live.severity')}</Label>
        <Select
          id={severityId}
          value={String(maxSeverity)}
          onChange={(_e, d) => setMaxSeverity(Number(d.value))}
        >
          {SEVERITIES.map((name, i) => (
            <option key={name} value={i}>
              {name}
            </option>
          ))}
        </Select>
        <Text data-testid="tail-count">{t('live.rows', { count: shown.length })}</Text>
      </div>
      <ApiErrorBar failure={failure} />
      {frozen ? <Text>{t('live.frozen')}</Text> : null}
      {tail.dropped ? <Text>{t('live.dropped', { count: tail.dropped })}</Text> : null}
      {tail.rows.length === 0 ? <Text>{t('live.empty')}</Text> : null}
      <VirtualList<LogRowView>
        items={shown}
        rowHeight={ROW_HEIGHT}
        height={480}
        stickToBottom={autoScroll && !frozen}
        label={t('tabs.live')}
        testId="tail-list"
        onActivate={(row) => setOpenId(row.id)}
        renderRow={(row, _i, active) => (
          <div
            className={`${styles.row} ${styles[rowTone(row)]} ${active ? styles.active : ''}`}
            data-testid="tail-row"
          >
            <span className={styles.cell}>{formatTime(row.time)}</span>
            <span className={styles.cell}>{row.host ?? ''}</span>
            <span className={styles.cell}>{row.app ?? ''}</span>
            <span className={styles.cell}>{severityName(row.severity)}</span>
            <span className={styles.cell}>{oneLine(row.text)}</span>
          </div>
        )}
      />
      <MessageDialog id={openId} onClose={() => setOpenId(undefined)} />
    </div>
  );
}
