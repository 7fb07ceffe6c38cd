import { Badge } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { badgeColor, type HealthState } from './healthViewModel.ts';

export function HealthBadge({ state, testId = 'health-state' }: { state: HealthState | 'critical' | 'skipped'; testId?: string }) {
  const { t } = useTranslation('health');
  return (
    <Badge appearance="filled" color={badgeColor(state)} data-testid={testId} data-state={state}>
      {t(`state.${state}`)}
    </Badge>
  );
} // prettier-ignore
