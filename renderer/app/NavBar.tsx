// The left navigation: real buttons in a list, the current page marked with aria-current, and
// Up/Down/Home/End moving between entries as in a Windows navigation pane.
import { createFocusOutlineStyle, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { nextIndex, PAGES, type PageId } from './navigation.ts';

const useStyles = makeStyles({
  nav: {
    width: '200px',
    flexShrink: 0,
    backgroundColor: tokens.colorNeutralBackground2,
    borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
    paddingTop: tokens.spacingVerticalM,
  },
  list: { listStyleType: 'none', margin: 0, padding: 0 },
  item: {
    display: 'block',
    width: '100%',
    textAlign: 'left',
    border: 'none',
    background: 'none',
    cursor: 'pointer',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    color: tokens.colorNeutralForeground1,
    borderLeft: '3px solid transparent',
    ':hover': { backgroundColor: tokens.colorNeutralBackground2Hover },
    ...createFocusOutlineStyle({ style: { outlineOffset: '-2px' } }),
  },
  current: {
    borderLeft: `3px solid ${tokens.colorBrandStroke1}`,
    fontWeight: tokens.fontWeightSemibold,
    backgroundColor: tokens.colorNeutralBackground1Selected,
  },
});

export function NavBar({ current, onSelect }: { current: PageId; onSelect: (page: PageId) => void }) {
  const { t } = useTranslation('shell');
  const styles = useStyles();
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);

  function onKeyDown(event: KeyboardEvent, index: number) {
    const target = nextIndex(event.key, index, PAGES.length);
    if (target === undefined) return;
    event.preventDefault();
    buttons.current[target]?.focus();
  }

  return (
    <nav className={styles.nav} aria-label={t('nav.label')}>
      <ul className={styles.list}>
        {PAGES.map((page, index) => (
          <li key={page.id}>
            <button
              type="button"
              ref={(element) => {
                buttons.current[index] = element;
              }}
              className={mergeClasses(styles.item, page.id === current && styles.current)}
              aria-current={page.id === current ? 'page' : undefined}
              data-testid={`nav-${page.id}`}
              onClick={() => onSelect(page.id)}
              onKeyDown={(event) => onKeyDown(event, index)}
            >
              {t(`nav.${page.id}`)}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
