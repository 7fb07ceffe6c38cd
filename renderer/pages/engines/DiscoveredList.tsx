// Engines found by the network search or a scan, each with "Add" into the normal add flow (or
// "Show" when it is in the list already).
import {
  Badge,
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { DiscoveredEngine, EngineView } from '../../../electron/api/contract.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { useApiCall } from '../../api/useApiCall.ts';
import { ApiErrorBar } from '../../components/ApiErrorBar.tsx';
import { canAdd, sortDiscovered } from './discoveryViewModel.ts';

const useStyles = makeStyles({
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: '4px',
  },
  row: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  text: { display: 'flex', flexDirection: 'column', flexGrow: 1, minWidth: '240px' },
  mono: { fontFamily: tokens.fontFamilyMonospace, color: tokens.colorNeutralForeground3 },
});

const stateColor = { reachable: 'success', checking: 'informative', unreachable: 'danger' } as const;

export interface DiscoveredListProps {
  engines: DiscoveredEngine[];
  label: string;
  onAdded: (view: EngineView) => void;
  onShow: (engineId: string) => void;
}

export function DiscoveredList({ engines, label, onAdded, onShow }: DiscoveredListProps) {
  const { t } = useTranslation('engines');
  const styles = useStyles();
  const api = useApi();
  const adding = useApiCall();

  async function add(engine: DiscoveredEngine) {
    const view = await adding.run(() =>
      api.engines.add({ address: engine.address, ...(engine.name ? { name: engine.name } : {}) }),
    );
    if (view) onAdded(view);
  }

  return (
    <>
      <ApiErrorBar failure={adding.failure} />
      <ul className={styles.list} aria-label={label} data-testid="discovered-list">
        {sortDiscovered(engines).map((engine) => (
          <li
            key={`${engine.source}-${engine.address}`}
            className={styles.row}
            data-testid="discovered-engine"
            data-address={engine.address}
            data-state={engine.state}
          >
            <div className={styles.text}>
              <Text weight="semibold">{engine.name ?? engine.address}</Text>
              <Text size={200} className={styles.mono}>
                {engine.address}
                {engine.version ? ` · ${engine.version}` : ''}
                {engine.provisioned === undefined
                  ? ''
                  : ` · ${engine.provisioned ? t('find.provisioned') : t('find.notProvisioned')}`}
                {` · ${engine.source === 'mdns' ? t('find.mdnsSource') : t('find.scanSource')}`}
              </Text>
              {engine.fingerprintPrefix ? (
                <Text size={200} className={styles.mono}>
                  {t('find.fingerprint', { prefix: engine.fingerprintPrefix })}
                </Text>
              ) : null}
              {engine.state === 'unreachable' && engine.lastError && !engine.fingerprintMismatch ? (
                <Text size={200}>{engine.lastError}</Text>
              ) : null}
            </div>
            <Badge appearance="tint" color={stateColor[engine.state]}>
              {t(`find.rowState.${engine.state}`)}
            </Badge>
            {engine.knownEngineId ? (
              <Button size="small" onClick={() => onShow(engine.knownEngineId!)}>
                {t('find.show')}
              </Button>
            ) : canAdd(engine) ? (
              <Button
                size="small"
                appearance="primary"
                disabled={adding.busy}
                aria-label={t('find.addTo', { address: engine.address })}
                onClick={() => void add(engine)}
              >
                {t('find.add')}
              </Button>
            ) : null}
            {engine.fingerprintMismatch ? (
              <MessageBar intent="warning">
                <MessageBarBody>{t('find.mismatch')}</MessageBarBody>
              </MessageBar>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}
