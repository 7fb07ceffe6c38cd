// A fingerprint in groups of four bytes, monospaced, so a person can compare it piece by piece.
import { makeStyles, tokens } from '@fluentui/react-components';
import { groupFingerprint } from './fingerprint.ts';

const useStyles = makeStyles({
  code: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase300,
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    wordBreak: 'break-all',
  },
});

export function FingerprintText({ fingerprint, testId }: { fingerprint: string; testId?: string }) {
  const styles = useStyles();
  return (
    <code className={styles.code} data-testid={testId} data-fingerprint={fingerprint}>
      {groupFingerprint(fingerprint).map((group, index) => (
        <span key={index}>{group}</span>
      ))}
    </code>
  );
}
