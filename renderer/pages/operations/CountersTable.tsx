// Call counters per connection, one row per direction: attempts, answered, ASR/NER, failures by
// code, and the concurrent calls against the connection's limit.
import {
  Badge,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from '@fluentui/react-components';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import {
  atLimit,
  formatConcurrent,
  formatFailures,
  formatRatio,
  sortByName,
  type ConnectionCounters,
} from './operationsViewModel.ts';

export function CountersTable({ counters }: { counters: readonly ConnectionCounters[] }) {
  const { t } = useTranslation('operations');
  if (counters.length === 0) return <Text>{t('counters.none')}</Text>;
  return (
    <>
      <Table size="small" aria-label={t('counters.heading')} data-testid="operations-counters">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t('counters.connection')}</TableHeaderCell>
            <TableHeaderCell>{t('counters.direction')}</TableHeaderCell>
            <TableHeaderCell>{t('counters.attempts')}</TableHeaderCell>
            <TableHeaderCell>{t('counters.answered')}</TableHeaderCell>
            <TableHeaderCell>
              <abbr title={t('counters.asrHint')}>{t('counters.asr')}</abbr>
            </TableHeaderCell>
            <TableHeaderCell>
              <abbr title={t('counters.nerHint')}>{t('counters.ner')}</abbr>
            </TableHeaderCell>
            <TableHeaderCell>{t('counters.failures')}</TableHeaderCell>
            <TableHeaderCell>{t('counters.concurrent')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {sortByName(counters).map((connection) => (
            <Fragment key={connection.id}>
              {(['inbound', 'outbound'] as const).map((direction, index) => {
                const figures = connection[direction];
                const full = atLimit(connection.concurrent, connection.limit);
                return (
                  <TableRow
                    key={direction}
                    data-testid="operations-counter"
                    data-connection={connection.id}
                    data-direction={direction}
                  >
                    <TableCell>{index === 0 ? connection.name : ''}</TableCell>
                    <TableCell>{t(`counters.${direction}`)}</TableCell>
                    <TableCell data-testid="operations-attempts">{figures.attempts}</TableCell>
                    <TableCell>{figures.answered}</TableCell>
                    <TableCell data-testid="operations-asr">{formatRatio(figures.asr)}</TableCell>
                    <TableCell data-testid="operations-ner">{formatRatio(figures.ner)}</TableCell>
                    <TableCell>{formatFailures(figures.failures) || t('counters.noFailures')}</TableCell>
                    <TableCell data-testid="operations-concurrent">
                      {index === 0 ? (
                        full ? (
                          <Badge color="danger" appearance="tint" title={t('counters.atLimit')}>
                            {formatConcurrent(connection.concurrent, connection.limit)}
                          </Badge>
                        ) : (
                          formatConcurrent(connection.concurrent, connection.limit)
                        )
                      ) : (
                        ''
                      )}
                    </TableCell>
                  </TableRow>
                );
              })}
            </Fragment>
          ))}
        </TableBody>
      </Table>
      <Text size={200}>
        {t('counters.asr')}: {t('counters.asrHint')} {t('counters.ner')}: {t('counters.nerHint')}
      </Text>
    </>
  );
}
