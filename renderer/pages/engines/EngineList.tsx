// The engines as a list of buttons: name, address and state. Up/Down/Home/End move between them.
import { createFocusOutlineStyle, makeStyles, mergeClasses, Text, tokens } from '@fluentui/react-components';
import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { EngineView } from '../../../electron/api/contract.ts';
import { nextIndex } from '../../app/navigation.ts';
import { displayName } from './engineViewModel.ts';
import { StateBadge } from './StateBadge.tsx';

const useStyles = makeStyles({
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: '4px',
  },
  item: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalXXS,
    width: '100%',
    textAlign: 'left',
    cursor: 'pointer',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    fontFamily: tokens.fontFamilyBase,
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ...createFocusOutlineStyle(),
  },
  selected: {
    border: `1px solid ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorBrandBackground2,
    ':hover': { backgroundColor: tokens.colorBrandBackground2Hover },
  },
  address: { color: tokens.colorNeutralForeground3, fontFamily: tokens.fontFamilyMonospace },
});

export interface EngineListProps {
  engines: EngineView[];
  selectedId: string | undefined;
  onSelect: (engineId: string) => void;
}

export function EngineList({ engines, selectedId, onSelect }: EngineListProps) {
  const { t } = useTranslation('engines');
  const styles = useStyles();
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);

  function onKeyDown(event: KeyboardEvent, index: number) {
    const target = nextIndex(event.key, index, engines.length);
    if (target === undefined) return;
    event.preventDefault();
    buttons.current[target]?.focus();
    onSelect(engines[target]!.id);
  }

  if (engines.length === 0) return <Text>{t('empty')}</Text>;
  return (
    <ul className={styles.list} aria-label={t('title')} data-testid="engine-list">
      {engines.map((engine, index) => (
        <li key={engine.id} data-testid={`engine-item-${engine.id}`} data-state={engine.state}>
          <button
            type="button"
            ref={(element) => {
              buttons.current[index] = element;
            }}
            className={mergeClasses(styles.item, engine.id === selectedId && styles.selected)}
            aria-current={engine.id === selectedId ? 'true' : undefined}
            onClick={() => onSelect(engine.id)}
            onKeyDown={(event) => onKeyDown(event, index)}
          >
            <Text weight="semibold">{displayName(engine, t('bundledName'))}</Text>
            {engine.name === engine.address ? null : (
              <Text size={200} className={styles.address}>
                {engine.address}
              </Text>
            )}
            <StateBadge state={engine.state} />
          </button>
        </li>
      ))}
    </ul>
  );
}
