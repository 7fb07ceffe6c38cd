// A SIP message with its start line, header names and SDP lines coloured (sipHighlight.ts).
import { makeStyles, tokens } from '@fluentui/react-components';
import { highlightSip } from './sipHighlight.ts';

const useStyles = makeStyles({
  pre: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-all',
    margin: 0,
  },
  start: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorBrandForeground1 },
  name: { color: tokens.colorPaletteDarkOrangeForeground2 },
  sdpType: { color: tokens.colorPaletteGreenForeground2, fontWeight: tokens.fontWeightSemibold },
});

export function SipText({ text, testId }: { text: string; testId?: string }) {
  const styles = useStyles();
  return (
    <pre className={styles.pre} data-testid={testId}>
      {highlightSip(text).map((part, i) => {
        switch (part.kind) {
          case 'start':
            return (
              <div key={i} className={styles.start}>
                {part.text}
              </div>
            );
          case 'header':
            return (
              <div key={i}>
                <span className={styles.name}>{part.name}</span>:{part.value}
              </div>
            );
          case 'sdp':
            return (
              <div key={i}>
                <span className={styles.sdpType}>{part.type}</span>={part.value}
              </div>
            );
          case 'body':
            return <div key={i}>{part.text}</div>;
          case 'blank':
            return <div key={i}>&nbsp;</div>;
        }
      })}
    </pre>
  );
}
