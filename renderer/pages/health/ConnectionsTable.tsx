// One engine's connections: state, last answer, round trip, TLS days left, registration, calls.
import {
  Button,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { fewerDays, formatDays, formatRtt, rowKey, type EngineHealth } from './healthViewModel.ts';
import { HealthBadge } from './StateBadge.tsx';

export function ConnectionsTable({
  engine,
  selected,
  onSelect,
}: {
  engine: EngineHealth;
  selected: string | undefined;
  onSelect: (key: string) => void;
}) {
  const { t } = useTranslation('health');
  if (engine.connections.length === 0) return <Text>{t('noConnections')}</Text>;
  return (
    <Table
      size="small"
      aria-label={t('table.label', { engine: engine.name })}
      data-testid="health-connections"
    >
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{t('table.connection')}</TableHeaderCell>
          <TableHeaderCell>{t('table.state')}</TableHeaderCell>
          <TableHeaderCell>{t('table.lastCode')}</TableHeaderCell>
          <TableHeaderCell>{t('table.rtt')}</TableHeaderCell>
          <TableHeaderCell>{t('table.tls')}</TableHeaderCell>
          <TableHeaderCell>{t('table.registration')}</TableHeaderCell>
          <TableHeaderCell>{t('table.calls')}</TableHeaderCell>
          <TableHeaderCell>{t('table.details')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {engine.connections.map((c) => {
          const key = rowKey(engine.engineId, c.connectionId);
          const first = c.targets[0];
          const days = fewerDays(c.tls.ownCertificateDaysLeft, c.tls.peerCertificateDaysLeft);
          return (
            <TableRow
              key={key}
              data-testid="health-connection"
              data-connection={c.connectionId}
              data-state={c.state}
              aria-selected={selected === key}
            >
              <TableCell>{c.name}</TableCell>
              <TableCell>
                <HealthBadge state={c.state} />
              </TableCell>
              <TableCell data-testid="health-last-code">{first?.lastCode ?? '–'}</TableCell>
              <TableCell data-testid="health-rtt">{formatRtt(first?.rttMs ?? null)}</TableCell>
              <TableCell>
                {c.tls.used ? `${c.tls.version ?? ''} ${formatDays(days)}`.trim() : t('table.notUsed')}
              </TableCell>
              <TableCell>{c.registration?.state ?? t('table.none')}</TableCell>
              <TableCell>
                {c.calls.active ?? '–'} / {c.calls.limit ?? t('table.noLimit')}
              </TableCell>
              <TableCell>
                <Button
                  size="small"
                  onClick={() => onSelect(key)}
                  aria-label={t('table.show', { name: c.name })}
                  data-testid="health-show"
                >
                  {t('table.details')}
                </Button>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
