// The engine's own certificates: issued ones with their details, pending requests with what was
// asked for.
import {
  Badge,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { OwnRow } from './certificateViewModel.ts';
import { OwnRowActions } from './RowActionMenus.tsx';
import type { OwnAction } from './rowActions.ts';
import { ValidUntil } from './ValidUntil.tsx';

const useStyles = makeStyles({
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, wordBreak: 'break-all' },
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
});

export function OwnCertificatesTable({
  rows,
  onAction,
}: {
  rows: OwnRow[];
  onAction: (row: OwnRow, action: OwnAction) => void;
}) {
  const { t } = useTranslation('certificates');
  const styles = useStyles();
  if (rows.length === 0) return <Text data-testid="own-empty">{t('own.empty')}</Text>;
  return (
    <Table aria-label={t('own.heading')} data-testid="own-certificates" size="small">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{t('own.label')}</TableHeaderCell>
          <TableHeaderCell>{t('own.commonName')}</TableHeaderCell>
          <TableHeaderCell>{t('own.subjectAltNames')}</TableHeaderCell>
          <TableHeaderCell>{t('own.issuer')}</TableHeaderCell>
          <TableHeaderCell>{t('own.validUntil')}</TableHeaderCell>
          <TableHeaderCell>{t('own.key')}</TableHeaderCell>
          <TableHeaderCell>{t('own.fingerprints')}</TableHeaderCell>
          <TableHeaderCell>{t('own.sipTls')}</TableHeaderCell>
          <TableHeaderCell>{t('usedBy')}</TableHeaderCell>
          <TableHeaderCell>{t('actions.heading')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.id} data-testid={`own-certificate-${row.id}`} data-state={row.state}>
            <TableCell>
              <div className={styles.stack}>
                <Text weight="semibold" data-testid="own-label">
                  {row.label}
                </Text>
                {row.state === 'pending' ? (
                  <Badge appearance="outline" color="informative" data-testid="own-pending">
                    {t('own.pending')}
                  </Badge>
                ) : null}
              </div>
            </TableCell>
            <TableCell data-testid="own-common-name">{row.commonName || t('none')}</TableCell>
            <TableCell>{row.subjectAltNames.join(', ') || t('none')}</TableCell>
            <TableCell>{row.issuer ?? t('none')}</TableCell>
            <TableCell data-testid="own-valid-until">
              {row.notAfter !== undefined && row.daysLeft !== undefined ? (
                <ValidUntil notAfter={row.notAfter} daysLeft={row.daysLeft} />
              ) : (
                t('none')
              )}
            </TableCell>
            <TableCell>
              {row.key ??
                (row.requestedAlgorithm
                  ? t('own.requested', { algorithm: row.requestedAlgorithm })
                  : t('none'))}
            </TableCell>
            <TableCell>
              {row.sha256 ? (
                <div className={styles.stack}>
                  <span className={styles.mono} data-testid="own-sha256">
                    {t('fingerprint.sha256')}: {row.sha256}
                  </span>
                  <span className={styles.mono}>
                    {t('fingerprint.sha1')}: {row.sha1}
                  </span>
                </div>
              ) : (
                t('none')
              )}
            </TableCell>
            <TableCell data-testid="own-sip-tls" data-used={row.usedForSipTls}>
              {row.usedForSipTls ? (
                <Badge appearance="filled" color="brand">
                  {t('yes')}
                </Badge>
              ) : (
                t('none')
              )}
            </TableCell>
            <TableCell data-testid="own-used-by">{row.usedBy.join(', ') || t('none')}</TableCell>
            <TableCell>
              <OwnRowActions row={row} onAction={(action) => onAction(row, action)} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
