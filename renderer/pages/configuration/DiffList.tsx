// What changes, path by path: added, removed, changed, with values before and after; a secret only
// says that it changed.
import { makeStyles, Text, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { ConfigChange } from '../../../sbc-engine/config/diff.ts';

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, maxHeight: '40vh', overflowY: 'auto' },
  path: { fontFamily: tokens.fontFamilyMonospace },
  before: { color: tokens.colorPaletteRedForeground1, fontFamily: tokens.fontFamilyMonospace },
  after: { color: tokens.colorPaletteGreenForeground1, fontFamily: tokens.fontFamilyMonospace },
});

function shown(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? '' : text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

export function DiffList({ changes }: { changes: ConfigChange[] }) {
  const { t } = useTranslation('configuration');
  const styles = useStyles();
  return (
    <div data-testid="diff">
      <Text weight="semibold">{t('diff.count', { count: changes.length })}</Text>
      <ul className={styles.list}>
        {changes.map((change) => (
          <li
            key={`${change.kind}-${change.path}`}
            data-testid="diff-change"
            data-kind={change.kind}
            data-path={change.path}
          >
            <span className={styles.path}>{change.path}</span> — {t(`diff.${change.kind}`)}
            {change.secret ? (
              <> ({t('diff.secret')})</>
            ) : (
              <>
                {change.kind !== 'added' ? (
                  <>
                    {' '}
                    <span className={styles.before}>{shown(change.before)}</span>
                  </>
                ) : null}
                {change.kind === 'changed' ? ' → ' : ' '}
                {change.kind !== 'removed' ? (
                  <span className={styles.after}>{shown(change.after)}</span>
                ) : null}
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
