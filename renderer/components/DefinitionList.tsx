// Term/value pairs (identity, status) in two aligned columns, as a real <dl> for screen readers.
import { makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  list: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalXL,
    rowGap: tokens.spacingVerticalS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, minWidth: 0 },
});

export function DefinitionList({ children }: { children: ReactNode }) {
  return <dl className={useStyles().list}>{children}</dl>;
}

export function Row({ term, children, testId }: { term: string; children: ReactNode; testId?: string }) {
  const styles = useStyles();
  return (
    <>
      <dt className={styles.term}>{term}</dt>
      <dd className={styles.value} data-testid={testId}>
        {children}
      </dd>
    </>
  );
}
