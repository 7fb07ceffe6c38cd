// The CAs the engine trusts when it checks a TLS peer.
import {
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
import type { TrustedRow } from './certificateViewModel.ts';
import { TrustedRowActions } from './RowActionMenus.tsx';
import type { TrustedAction } from './rowActions.ts';
import { ValidUntil } from './ValidUntil.tsx';

const useStyles = makeStyles({
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, wordBreak: 'break-all' },
});

export function TrustedCasTable({
  rows,
  onAction,
}: {
  rows: TrustedRow[];
  onAction: (row: TrustedRow, action: TrustedAction) => void;
}) {
  const { t } = useTranslation('certificates');
  const styles = useStyles();
  if (rows.length === 0) return <Text data-testid="trusted-empty">{t('trusted.empty')}</Text>;
  return (
    <Table aria-label={t('trusted.heading')} data-testid="trusted-cas" size="small">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{t('trusted.label')}</TableHeaderCell>
          <TableHeaderCell>{t('trusted.subject')}</TableHeaderCell>
          <TableHeaderCell>{t('trusted.validUntil')}</TableHeaderCell>
          <TableHeaderCell>{t('trusted.sha256')}</TableHeaderCell>
          <TableHeaderCell>{t('usedBy')}</TableHeaderCell>
          <TableHeaderCell>{t('actions.heading')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.id} data-testid={`trusted-ca-${row.id}`}>
            <TableCell>
              <Text weight="semibold" data-testid="trusted-label-cell">
                {row.label}
              </Text>
            </TableCell>
            <TableCell>{row.subject}</TableCell>
            <TableCell>
              <ValidUntil notAfter={row.notAfter} daysLeft={row.daysLeft} />
            </TableCell>
            <TableCell>
              <span className={styles.mono}>{row.sha256}</span>
            </TableCell>
            <TableCell data-testid="trusted-used-by">{row.usedBy.join(', ') || t('none')}</TableCell>
            <TableCell>
              <TrustedRowActions label={row.label} onAction={(action) => onAction(row, action)} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
