// The selected engine: its name as the heading, its state, and the panel that state calls for.
import { Divider, makeStyles, Spinner, Text, Title3, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { EngineView } from '../../../electron/api/contract.ts';
import { CertificateChangedView } from './CertificateChangedView.tsx';
import { ConnectedView } from './ConnectedView.tsx';
import { EngineActions } from './EngineActions.tsx';
import { displayName, panelFor } from './engineViewModel.ts';
import { formatDateTime } from './format.ts';
import { LoginForm } from './LoginForm.tsx';
import { SetupPanel } from './SetupPanel.tsx';
import { StateBadge } from './StateBadge.tsx';
import { UnreachableView } from './UnreachableView.tsx';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  heading: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  meta: { color: tokens.colorNeutralForeground3 },
});

export interface EngineDetailsProps {
  engine: EngineView;
  onUpdate: (view: EngineView) => void;
  onReload: () => void;
  onRemoved: (engineId: string) => void;
}

export function EngineDetails({ engine, onUpdate, onReload, onRemoved }: EngineDetailsProps) {
  const { t, i18n } = useTranslation('engines');
  const styles = useStyles();
  const name = displayName(engine, t('bundledName'));
  const panel = panelFor(engine.state);
  return (
    <section
      className={styles.root}
      aria-labelledby="engine-heading"
      data-testid="engine-details"
      data-state={engine.state}
    >
      <div className={styles.heading}>
        <Title3 as="h2" id="engine-heading">
          {name}
        </Title3>
        <StateBadge state={engine.state} />
      </div>
      <Text className={styles.meta}>
        {engine.address}
        {engine.checkedAt
          ? ` · ${t('lastChecked', { time: formatDateTime(engine.checkedAt, i18n.language) })}`
          : ''}
      </Text>
      {/* Keyed by state, so a form never carries typed text over into another state's panel. */}
      <div key={`${engine.id}:${panel}`}>
        {panel === 'setup' ? <SetupPanel engine={engine} onUpdate={onUpdate} /> : null}
        {panel === 'login' ? <LoginForm engine={engine} onUpdate={onUpdate} /> : null}
        {panel === 'identity' ? (
          <ConnectedView engine={engine} onUpdate={onUpdate} onReload={onReload} />
        ) : null}
        {panel === 'unreachable' ? <UnreachableView engine={engine} onUpdate={onUpdate} /> : null}
        {panel === 'certificate-changed' ? (
          <CertificateChangedView engine={engine} onUpdate={onUpdate} />
        ) : null}
        {panel === 'starting' ? <Spinner labelPosition="after" label={t('starting')} /> : null}
      </div>
      <Divider />
      <EngineActions engine={engine} name={name} onReload={onReload} onRemoved={onRemoved} />
    </section>
  );
}
