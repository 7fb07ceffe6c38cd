// Every problem of the draft in one list, errors first; choosing one jumps to its field.
import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { PathProblem } from './problemIndex.ts';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, margin: 0, padding: 0 },
  item: { listStyle: 'none' },
  path: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  link: { justifyContent: 'flex-start', textAlign: 'left', height: 'auto', minHeight: '24px' },
});

const RANK = { error: 0, warning: 1, info: 2 } as const;
const SHOWN = 50;

export function ProblemsPanel({
  problems,
  onReveal,
}: {
  problems: PathProblem[];
  onReveal: (path: string) => void;
}) {
  const { t } = useTranslation('configuration');
  const styles = useStyles();
  const sorted = [...problems].sort(
    (a, b) => RANK[a.severity] - RANK[b.severity] || a.path.localeCompare(b.path),
  );
  const errors = problems.filter((p) => p.severity === 'error').length;
  if (problems.length === 0) {
    return (
      <MessageBar intent="success" data-testid="problems-none">
        <MessageBarBody>{t('problems.none')}</MessageBarBody>
      </MessageBar>
    );
  }
  return (
    <MessageBar
      intent={errors > 0 ? 'error' : problems.some((p) => p.severity === 'warning') ? 'warning' : 'info'}
      layout="multiline"
      data-testid="problems-panel"
    >
      <MessageBarBody>
        <MessageBarTitle>{t('problems.title', { count: problems.length })}</MessageBarTitle>
        <ul className={styles.list}>
          {sorted.slice(0, SHOWN).map((problem, index) => (
            <li key={`${problem.path}-${index}`} className={styles.item}>
              {problem.fix ? (
                <Button
                  size="small"
                  appearance="primary"
                  onClick={problem.fix.apply}
                  data-testid="problem-fix"
                  data-rule={problem.ruleId}
                >
                  {t('problems.fix', { title: problem.fix.title })}
                </Button>
              ) : null}
              <Button
                appearance="transparent"
                size="small"
                className={styles.link}
                onClick={() => onReveal(problem.path)}
                data-testid="problem"
                data-path={problem.path}
                data-severity={problem.severity}
                data-rule={problem.ruleId}
              >
                <span>
                  <span className={styles.path}>{problem.path || t('problems.wholeConfig')}</span>:{' '}
                  {problem.message}
                </span>
              </Button>
            </li>
          ))}
        </ul>
        {sorted.length > SHOWN ? <Text>{t('problems.more', { count: sorted.length - SHOWN })}</Text> : null}
      </MessageBarBody>
    </MessageBar>
  );
}
