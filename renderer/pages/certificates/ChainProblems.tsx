// What an import found: roots set aside (a bundle that carried its root, as seed 001 advises) and
// the problems the chain still has, errors first, each in the engine's words.
import { MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { sortedProblems, type ChainResult } from './wizardSteps.ts';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
});

const INTENT = { error: 'error', warning: 'warning', info: 'info' } as const;

export function ChainProblems({ result }: { result: ChainResult }) {
  const { t } = useTranslation('certificates');
  const styles = useStyles();
  const problems = sortedProblems(result.problems);
  return (
    <div className={styles.list} data-testid="chain-result">
      {result.setAsideRoots.length > 0 ? (
        <MessageBar intent="info" data-testid="chain-set-aside">
          <MessageBarBody>{t('chain.setAside', { roots: result.setAsideRoots.join('; ') })}</MessageBarBody>
        </MessageBar>
      ) : null}
      {problems.length === 0 ? (
        <MessageBar intent="success" data-testid="chain-ok">
          <MessageBarBody>{t('chain.ok')}</MessageBarBody>
        </MessageBar>
      ) : (
        problems.map((problem, index) => (
          <MessageBar
            key={`${problem.code}-${index}`}
            intent={INTENT[problem.severity]}
            data-testid="chain-problem"
            data-code={problem.code}
            data-severity={problem.severity}
          >
            <MessageBarBody>
              <MessageBarTitle>{t(`chain.severity.${problem.severity}`)}</MessageBarTitle>
              {problem.message}
            </MessageBarBody>
          </MessageBar>
        ))
      )}
    </div>
  );
}
