import { Badge } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { expiryBadge } from './certificateViewModel.ts';

export function ExpiryBadge({ daysLeft }: { daysLeft: number }) {
  const { t } = useTranslation('certificates');
  const badge = expiryBadge(daysLeft);
  return (
    <Badge appearance="tint" color={badge.color} data-testid="expiry-badge" data-color={badge.color}>
      {t(badge.labelKey, { count: badge.count })}
    </Badge>
  );
}
