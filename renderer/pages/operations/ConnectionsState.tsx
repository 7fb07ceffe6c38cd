// Registrations and OPTIONS keepalive targets of every connection, as the engine sees them now.
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
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../electron/api/contract.ts';
import { sortByName } from './operationsViewModel.ts';

const TARGET_COLOR = { unknown: 'subtle', up: 'success', down: 'danger' } as const;
const REGISTRATION_COLOR = {
  unregistered: 'subtle',
  registering: 'informative',
  registered: 'success',
  failed: 'danger',
} as const;

function when(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString() : '–';
}

export function ConnectionsState({ status }: { status: Output<'operations.connections'> }) {
  const { t } = useTranslation('operations');
  const connections = sortByName(status.connections);
  if (connections.length === 0) return <Text>{t('connections.none')}</Text>;
  const registered = connections.filter((c) => c.registration !== null);
  return (
    <>
      {registered.length > 0 ? (
        <Table size="small" aria-label={t('connections.registration')} data-testid="operations-registrations">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t('connections.connection')}</TableHeaderCell>
              <TableHeaderCell>{t('connections.registration')}</TableHeaderCell>
              <TableHeaderCell>{t('connections.registrar')}</TableHeaderCell>
              <TableHeaderCell>{t('connections.lastCode')}</TableHeaderCell>
              <TableHeaderCell>{t('connections.reason')}</TableHeaderCell>
              <TableHeaderCell>{t('connections.expiresAt')}</TableHeaderCell>
              <TableHeaderCell>{t('connections.nextAttemptAt')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {registered.map(({ id, name, registration }) =>
              registration ? (
                <TableRow
                  key={id}
                  data-testid="operations-registration"
                  data-connection={id}
                  data-state={registration.state}
                >
                  <TableCell>{name}</TableCell>
                  <TableCell>
                    <Badge appearance="tint" color={REGISTRATION_COLOR[registration.state]}>
                      {t(`connections.registrationStates.${registration.state}`)}
                    </Badge>
                  </TableCell>
                  <TableCell>{registration.registrar}</TableCell>
                  <TableCell>{registration.lastCode ?? '–'}</TableCell>
                  <TableCell>
                    {[
                      registration.reason ? t(`connections.reasons.${registration.reason}`) : '',
                      registration.detail ?? '',
                    ]
                      .filter(Boolean)
                      .join(': ') || '–'}
                  </TableCell>
                  <TableCell>{when(registration.expiresAt)}</TableCell>
                  <TableCell>{when(registration.nextAttemptAt)}</TableCell>
                </TableRow>
              ) : null,
            )}
          </TableBody>
        </Table>
      ) : null}
      <Table size="small" aria-label={t('connections.target')} data-testid="operations-targets">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t('connections.connection')}</TableHeaderCell>
            <TableHeaderCell>{t('connections.target')}</TableHeaderCell>
            <TableHeaderCell>{t('connections.targetState')}</TableHeaderCell>
            <TableHeaderCell>{t('connections.lastCode')}</TableHeaderCell>
            <TableHeaderCell>{t('connections.rtt')}</TableHeaderCell>
            <TableHeaderCell>{t('connections.sent')}</TableHeaderCell>
            <TableHeaderCell>{t('connections.lastChange')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {connections.flatMap((connection) =>
            !connection.options.enabled
              ? [
                  <TableRow
                    key={connection.id}
                    data-testid="operations-target"
                    data-connection={connection.id}
                  >
                    <TableCell>{connection.name}</TableCell>
                    <TableCell>{t('connections.optionsOff')}</TableCell>
                  </TableRow>,
                ]
              : connection.options.targets.map((target, index) => (
                  <TableRow
                    key={`${connection.id} ${target.target}`}
                    data-testid="operations-target"
                    data-connection={connection.id}
                    data-target={target.target}
                    data-state={target.state}
                  >
                    <TableCell>{index === 0 ? connection.name : ''}</TableCell>
                    <TableCell>{target.target}</TableCell>
                    <TableCell>
                      <Badge appearance="tint" color={TARGET_COLOR[target.state]}>
                        {t(`connections.targetStates.${target.state}`)}
                      </Badge>{' '}
                      {target.refusing ? t('connections.refusing') : ''}
                    </TableCell>
                    <TableCell title={target.lastError ?? undefined}>{target.lastCode ?? '–'}</TableCell>
                    <TableCell>
                      {target.rttMs === null
                        ? '–'
                        : t('connections.rttValue', { ms: Math.round(target.rttMs) })}
                    </TableCell>
                    <TableCell>
                      {target.sent} / {target.answered}
                    </TableCell>
                    <TableCell>{when(target.lastChange)}</TableCell>
                  </TableRow>
                )),
          )}
        </TableBody>
      </Table>
      <Text size={200} data-testid="operations-options-received">
        {connections
          .map(
            (c) =>
              `${c.name}: ${t('connections.received', {
                received: c.counters.optionsReceived,
                answered: c.counters.optionsAnswered,
                refused: c.counters.optionsRefused,
              })}`,
          )
          .join(' · ')}
      </Text>
      <Text size={200}>
        {t('connections.unknownSources', {
          policy: status.unknownSources.policy,
          refused: status.unknownSources.optionsRefused,
          dropped: status.unknownSources.optionsDropped,
        })}
      </Text>
    </>
  );
}
