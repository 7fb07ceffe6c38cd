import { Badge } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { EngineState } from '../../../electron/api/contract.ts';
import { badgeFor } from './engineViewModel.ts';

export function StateBadge({ state }: { state: EngineState }) {
  const { t } = useTranslation('engines');
  const badge = badgeFor(state);
  return (
    <Badge appearance="tint" color={badge.color} data-testid="engine-state" data-state={state}>
      {t(badge.labelKey)}
    </Badge>
  );
}
