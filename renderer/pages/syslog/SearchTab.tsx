// Search in the query language (electron/services/syslog/sip/QUERY.md): errors point at the
// position, results page further back on demand, the help popover lists every term.
import {
  Button,
  Field,
  Input,
  makeStyles,
  Popover,
  PopoverSurface,
  PopoverTrigger,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LogRowView } from '../../../electron/api/contract.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { useApiCall } from '../../api/useApiCall.ts';
import { ApiErrorBar } from '../../components/ApiErrorBar.tsx';
import { MessageDialog } from './MessageDialog.tsx';
import { errorMarker } from './searchError.ts';
import { formatTime, oneLine, severityName } from './tailBuffer.ts';
import { VirtualList } from './VirtualList.tsx';

const HELP_TERMS = ['word', 'callid', 'number', 'method', 'status', 'reason', 'host', 'peer', 'dir', 'time', 'not', 'or'] as const; // prettier-ignore

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  form: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  input: { minWidth: '480px', fontFamily: tokens.fontFamilyMonospace },
  marker: {
    fontFamily: tokens.fontFamilyMonospace,
    whiteSpace: 'pre',
    color: tokens.colorPaletteRedForeground1,
  },
  row: {
    display: 'grid',
    gridTemplateColumns: '170px 120px 60px 1fr',
    gap: tokens.spacingHorizontalS,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    lineHeight: '24px',
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    cursor: 'pointer',
  },
  cell: { overflow: 'hidden', textOverflow: 'ellipsis' },
  help: { maxWidth: '560px' },
});

export function SearchTab() {
  const { t } = useTranslation('syslog');
  const styles = useStyles();
  const api = useApi();
  const { busy, failure, run } = useApiCall();
  const [query, setQuery] = useState('');
  const [searched, setSearched] = useState<string | undefined>();
  const [rows, setRows] = useState<LogRowView[]>([]);
  const [error, setError] = useState<{ position: number; message: string } | undefined>();
  const [more, setMore] = useState<{ before?: number; scanned: number; ftsLag: number } | undefined>();
  const [openId, setOpenId] = useState<number | undefined>();

  async function search(before?: number) {
    const text = before === undefined ? query : (searched ?? query);
    const value = await run(() =>
      api.syslog.query({ query: text, ...(before !== undefined ? { before } : {}) }),
    );
    if (!value) return;
    if (!value.ok) {
      setError(value.error);
      return;
    }
    setError(undefined);
    setSearched(text);
    setRows((old) => (before === undefined ? value.rows : [...value.rows, ...old]));
    setMore({ ...(value.nextBefore !== undefined ? { before: value.nextBefore } : {}), scanned: value.scanned, ftsLag: value.ftsLag }); // prettier-ignore
  }

  const marker = error ? errorMarker(query, error.position) : undefined;
  return (
    <div className={styles.root} data-testid="syslog-search">
      <form
        className={styles.form}
        onSubmit={(e) => {
          e.preventDefault();
          void search();
        }}
      >
        <Field
          label={t('search.label')}
          validationState={error ? 'error' : 'none'}
          validationMessage={error ? t('search.errorAt', { position: error.position, message: error.message }) : undefined} // prettier-ignore
        >
          <Input
            className={styles.input}
            value={query}
            placeholder={t('search.placeholder')}
            onChange={(_e, d) => setQuery(d.value)}
            data-testid="search-input"
          />
        </Field>
        <Button type="submit" appearance="primary" disabled={busy} data-testid="search-run">
          {t('search.run')}
        </Button>
        <Popover withArrow>
          <PopoverTrigger disableButtonEnhancement>
            <Button data-testid="search-help">{t('search.help')}</Button>
          </PopoverTrigger>
          <PopoverSurface className={styles.help} aria-label={t('search.help')}>
            <Text block>{t('search.helpIntro')}</Text>
            <ul>
              {HELP_TERMS.map((term) => (
                <li key={term}>{t(`search.helpTerms.${term}`)}</li>
              ))}
            </ul>
          </PopoverSurface>
        </Popover>
      </form>
      {marker ? (
        <div className={styles.marker} data-testid="search-error-marker" aria-hidden>
          {marker}
        </div>
      ) : null}
      <ApiErrorBar failure={failure} />
      {searched !== undefined && !error ? (
        <Text data-testid="search-count">
          {rows.length ? t('search.found', { count: rows.length }) : t('search.none')}
        </Text>
      ) : null}
      {more?.ftsLag ? <Text>{t('search.ftsLag', { count: more.ftsLag })}</Text> : null}
      {more?.before !== undefined ? (
        <div>
          <Text>{t('search.notAll', { count: more.scanned })} </Text>
          <Button onClick={() => void search(more.before)} disabled={busy} data-testid="search-more">
            {t('search.more')}
          </Button>
        </div>
      ) : null}
      {rows.length ? (
        <VirtualList<LogRowView>
          items={rows}
          rowHeight={24}
          height={420}
          label={t('search.label')}
          testId="search-results"
          onActivate={(row) => setOpenId(row.id)}
          renderRow={(row) => (
            <div className={styles.row} data-testid="search-row">
              <span className={styles.cell}>{formatTime(row.time)}</span>
              <span className={styles.cell}>{row.host ?? ''}</span>
              <span className={styles.cell}>{severityName(row.severity)}</span>
              <span className={styles.cell}>{oneLine(row.text)}</span>
            </div>
          )}
        />
      ) : null}
      <MessageDialog id={openId} onClose={() => setOpenId(undefined)} />
    </div>
  );
}
