// The ladder diagram of the chosen call(s): hosts as columns, one arrow per SIP message in time
// order, problems in red; an arrow opens the message. Exports: text, pcap (Wireshark), SVG.
import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Subtitle2,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallMessageView, CallView, LadderView } from '../../../electron/api/contract.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { toFailure, useApiCall, type Failure } from '../../api/useApiCall.ts';
import { ApiErrorBar } from '../../components/ApiErrorBar.tsx';
import { callAsText } from './callText.ts';
import { base64Bytes, saveBlob } from './download.ts';
import { arrowPath, headPath, ladderGeometry, ladderSvgDocument, TONE_COLOURS } from './ladderSvg.ts';
import { MessageDialog } from './MessageDialog.tsx';
import { formatTime } from './tailBuffer.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  toolbar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  canvas: { overflow: 'auto', maxHeight: '600px', border: `1px solid ${tokens.colorNeutralStroke2}` },
  arrow: { cursor: 'pointer', ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` } },
});

interface Loaded {
  calls: CallView[];
  messages: CallMessageView[];
  ladder: LadderView;
}

function clockTime(ms: number): string {
  return formatTime(ms).slice(11);
}

export function LadderTab({ callIds }: { callIds: string[] | undefined }) {
  const { t } = useTranslation('syslog');
  const styles = useStyles();
  const api = useApi();
  const exporting = useApiCall();
  // Keyed by the Call-IDs asked for: a slow answer for the previous call is never shown.
  const [answer, setAnswer] = useState<{ callIds: string[]; loaded?: Loaded; failure?: Failure }>();
  const loaded = answer?.callIds === callIds ? answer?.loaded : undefined;
  const failure = answer?.callIds === callIds ? answer?.failure : undefined;
  const [openId, setOpenId] = useState<number | undefined>();
  const [note, setNote] = useState<{ callIds: string[]; text: string } | undefined>();

  useEffect(() => {
    if (!callIds?.length) return;
    let current = true;
    void api.syslog.call({ callIds }).then((result) => {
      if (!current) return;
      setAnswer(
        result.ok ? { callIds, loaded: result.value } : { callIds, failure: toFailure(result.error) },
      );
    });
    return () => {
      current = false;
    };
  }, [api, callIds]);

  const geometry = useMemo(() => (loaded ? ladderGeometry(loaded.ladder) : undefined), [loaded]);
  if (!callIds?.length) return <Text>{t('ladder.none')}</Text>;
  if (failure) return <ApiErrorBar failure={failure} />;
  if (!loaded || !geometry) return <Spinner size="small" label={t('ladder.loading')} />;
  const first = loaded.calls[0];
  const title = t('ladder.title', { from: first?.from ?? '?', to: first?.to ?? '?' });
  const stamp = formatTime(loaded.messages[0]?.time ?? 0).replace(/[: .]/g, '-');

  async function exportPcap() {
    const value = await exporting.run(() => api.syslog.exportPcap({ callIds: callIds! }));
    if (!value) return;
    saveBlob(value.fileName, new Blob([base64Bytes(value.base64)], { type: 'application/vnd.tcpdump.pcap' }));
    setNote({ callIds: callIds!, text: t('ladder.pcapDone', { count: value.packets }) });
  }

  return (
    <div className={styles.root} data-testid="syslog-ladder">
      <Subtitle2 as="h2">{title}</Subtitle2>
      <div className={styles.toolbar}>
        <Button
          data-testid="ladder-export-text"
          onClick={() => saveBlob(`call-${stamp}.txt`, new Blob([callAsText(loaded.calls, loaded.messages)], { type: 'text/plain' }))} // prettier-ignore
        >
          {t('ladder.exportText')}
        </Button>
        <Button data-testid="ladder-export-pcap" onClick={() => void exportPcap()} disabled={exporting.busy}>
          {t('ladder.exportPcap')}
        </Button>
        <Button
          data-testid="ladder-export-svg"
          onClick={() =>
            saveBlob(
              `ladder-${stamp}.svg`,
              new Blob([ladderSvgDocument(geometry, title, geometry.arrows.map((a) => clockTime(a.time)))], { type: 'image/svg+xml' }), // prettier-ignore
            )
          }
        >
          {t('ladder.exportSvg')}
        </Button>
      </div>
      <ApiErrorBar failure={exporting.failure} />
      {note?.callIds === callIds ? (
        <MessageBar intent="success">
          <MessageBarBody data-testid="ladder-note">{note.text}</MessageBarBody>
        </MessageBar>
      ) : null}
      <div className={styles.canvas}>
        <svg
          width={geometry.width}
          height={geometry.height}
          role="img"
          aria-label={title}
          data-testid="ladder-svg"
        >
          {geometry.columns.map((c) => (
            <g key={c.x} data-testid="ladder-column">
              <title>{c.aliases.join(', ')}</title>
              <text
                x={c.x}
                y={20}
                textAnchor="middle"
                fontWeight={c.logging ? 'bold' : 'normal'}
                fontSize={12}
              >
                {c.label}
              </text>
              <line
                x1={c.x}
                y1={30}
                x2={c.x}
                y2={geometry.height - 10}
                stroke="#8a8886"
                strokeDasharray="4 3"
              />
            </g>
          ))}
          {geometry.arrows.map((a) => {
            const colour = TONE_COLOURS[a.tone];
            const label = t('ladder.arrow', { label: a.label, time: clockTime(a.time) });
            const open = () => setOpenId(Number(a.messageId));
            return (
              <g
                key={a.index}
                className={styles.arrow}
                role="button"
                tabIndex={0}
                aria-label={label}
                data-testid="ladder-arrow"
                data-label={a.label}
                data-tone={a.tone}
                onClick={open}
                // keyup: the focus manager of Fluent's provider takes Enter's keydown on an SVG element
                onKeyUp={(e) => (e.key === 'Enter' || e.key === ' ' ? open() : undefined)}
              >
                <title>{[label, ...a.problems].join('\n')}</title>
                <text x={4} y={a.y + 4} fontSize={10} fill="#605e5c">
                  {clockTime(a.time)}
                </text>
                <path
                  d={arrowPath(a)}
                  stroke={colour}
                  fill="none"
                  strokeWidth={1.5}
                  strokeDasharray={a.dashed ? '5 3' : undefined}
                />
                <path d={headPath(a)} fill={colour} />
                <text x={a.labelX} y={a.y - 5} textAnchor="middle" fill={colour} fontSize={12}>
                  {a.label}
                </text>
                {/* a wider transparent line makes the arrow easy to hit */}
                <path d={arrowPath(a)} stroke="transparent" strokeWidth={14} fill="none" />
              </g>
            );
          })}
        </svg>
      </div>
      {loaded.ladder.problems.length ? (
        <div data-testid="ladder-problems">
          <Subtitle2 as="h3">{t('ladder.problems')}</Subtitle2>
          <ul>
            {loaded.ladder.problems.map((p, i) => (
              <li key={i}>{p.text}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <MessageDialog id={openId} onClose={() => setOpenId(undefined)} />
    </div>
  );
}
