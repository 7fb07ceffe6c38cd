// The warnings of a connection or engine, each with its cause and its fix.
import { Badge, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { issueText, type HealthIssue } from './healthViewModel.ts';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, margin: 0, padding: 0 },
  item: { listStyleType: 'none', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
});

export function IssueList({ issues }: { issues: readonly HealthIssue[] }) {
  const { t } = useTranslation('health');
  const styles = useStyles();
  return (
    <ul className={styles.list}>
      {issues.map((issue, i) => {
        const text = issueText(issue);
        return (
          <li key={`${issue.code}-${issue.subject ?? ''}-${i}`} className={styles.item} data-testid="health-issue" data-code={issue.code}>
            <div>
              <Badge appearance="tint" color={issue.severity === 'critical' ? 'danger' : 'warning'}>
                {t(issue.severity === 'critical' ? 'severity.critical' : 'severity.warning')}
              </Badge>
            </div>
            <Text data-testid="health-issue-cause">
              <strong>{t('panel.cause')}:</strong>{' '}
              {text.causeKey ? t(text.causeKey, { ...text.values, defaultValue: issue.cause }) : issue.cause}
            </Text>
            <Text data-testid="health-issue-fix">
              <strong>{t('panel.fix')}:</strong>{' '}
              {text.fixKey ? t(text.fixKey, { ...text.values, defaultValue: issue.fix }) : issue.fix}
            </Text>
          </li>
        );
      })}
    </ul>
  );
} // prettier-ignore
