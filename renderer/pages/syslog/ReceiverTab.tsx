// The receiver: state and bound sockets, figures and every kind of loss, its own messages (port
// fallbacks), start/stop, listener settings, and "send this engine's logs here".
import {
  Button,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Select,
  Subtitle2,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyslogStatus } from '../../../electron/api/contract.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { useApiCall } from '../../api/useApiCall.ts';
import { ApiErrorBar } from '../../components/ApiErrorBar.tsx';
import { DefinitionList, Row } from '../../components/DefinitionList.tsx';
import { connectedEngines, pickEngine } from '../certificates/certificateViewModel.ts';
import { displayName } from '../engines/engineViewModel.ts';
import { useEngines } from '../engines/useEngines.ts';
import { receiverFigures } from './receiverFigures.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '900px' },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalS },
  notes: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, whiteSpace: 'pre-wrap' },
  loss: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
});

export function ReceiverTab({
  status,
  onStatus,
}: {
  status: SyslogStatus | undefined;
  onStatus: (s: SyslogStatus) => void;
}) {
  const { t } = useTranslation('syslog');
  const { t: te } = useTranslation('engines');
  const styles = useStyles();
  const api = useApi();
  const action = useApiCall();
  const send = useApiCall();
  // undefined until the user edits: the fields show the settings in effect.
  const [udpEdit, setUdp] = useState<string | undefined>();
  const [tcpEdit, setTcp] = useState<string | undefined>();
  const [sent, setSent] = useState<string | undefined>();
  const { engines } = useEngines();
  const connected = useMemo(() => connectedEngines(engines ?? []), [engines]);
  const [chosen, setChosen] = useState<string | undefined>();
  const engineId = pickEngine(connected, chosen);

  if (!status) return null;
  const udp = udpEdit ?? status.settings.udp.join(', ');
  const tcp = tcpEdit ?? status.settings.tcp.join(', ');
  const figures = receiverFigures(status);
  const running = status.state === 'running' || status.state === 'starting';

  async function toggle() {
    const value = await action.run(() => (running ? api.syslog.stop({}) : api.syslog.start({})));
    if (value) onStatus(value);
  }
  async function save() {
    const list = (text: string) =>
      text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    const value = await action.run(() => api.syslog.configure({ udp: list(udp), tcp: list(tcp) }));
    if (value) onStatus(value);
  }
  async function sendHere() {
    if (!engineId) return;
    const value = await send.run(() => api.syslog.sendEngineLogs({ engineId, sipTrace: true }));
    if (value) setSent(t('receiver.sent', { ...value, transport: value.transport.toUpperCase() }));
  }

  return (
    <div className={styles.root} data-testid="syslog-receiver">
      <div className={styles.row}>
        <Text weight="semibold" data-testid="receiver-state" data-state={status.state}>
          {t(`receiver.state.${status.state}`)}
        </Text>
        <Button
          onClick={() => void toggle()}
          disabled={action.busy || status.state === 'unavailable'}
          data-testid="receiver-toggle"
        >
          {running ? t('receiver.stop') : t('receiver.start')}
        </Button>
      </div>
      {status.error ? (
        <MessageBar intent="error">
          <MessageBarBody>{status.error}</MessageBarBody>
        </MessageBar>
      ) : null}
      <ApiErrorBar failure={action.failure} />
      <DefinitionList>
        <Row term={t('receiver.listeners')} testId="receiver-listeners">
          {status.listeners.length
            ? status.listeners.map((l) => `${l.transport.toUpperCase()} ${l.address.includes(':') ? `[${l.address}]` : l.address}:${l.port}`).join(', ') // prettier-ignore
            : t('receiver.noListeners')}
        </Row>
        <Row term={t('receiver.dataDir')}>{status.dataDir}</Row>
      </DefinitionList>
      <Subtitle2 as="h2">{t('receiver.counters')}</Subtitle2>
      <DefinitionList>
        {figures.counters.map((f) => (
          <Row key={f.key} term={t(`receiver.${f.key}`)} testId={`figure-${f.key}`}>
            {f.value ?? t('receiver.unknown')}
          </Row>
        ))}
      </DefinitionList>
      <Subtitle2 as="h2">{t('receiver.losses')}</Subtitle2>
      <DefinitionList>
        {figures.losses.map((f) => (
          <Row key={f.key} term={t(`receiver.${f.key}`)} testId={`loss-${f.key}`}>
            <span className={f.value && f.value !== '0' ? styles.loss : undefined}>
              {f.value ?? t('receiver.unknown')}
            </span>
          </Row>
        ))}
      </DefinitionList>
      {status.notes.length ? (
        <>
          <Subtitle2 as="h2">{t('receiver.notes')}</Subtitle2>
          <div className={styles.notes} data-testid="receiver-notes">
            {status.notes.join('\n')}
          </div>
        </>
      ) : null}
      {status.overridden ? <Text>{t('receiver.overridden')}</Text> : null}
      <div className={styles.row}>
        <Field label={t('receiver.settingsUdp')}>
          <Input value={udp} onChange={(_e, d) => setUdp(d.value)} />
        </Field>
        <Field label={t('receiver.settingsTcp')}>
          <Input value={tcp} onChange={(_e, d) => setTcp(d.value)} />
        </Field>
        <Button onClick={() => void save()} disabled={action.busy}>
          {t('receiver.save')}
        </Button>
      </div>
      <Subtitle2 as="h2">{t('receiver.sendHere')}</Subtitle2>
      <Text>{t('receiver.sendHereHelp')}</Text>
      {connected.length === 0 ? (
        <Text>{t('receiver.noEngine')}</Text>
      ) : (
        <div className={styles.row}>
          <Field label={t('receiver.engine')}>
            <Select value={engineId ?? ''} onChange={(_e, d) => setChosen(d.value)}>
              {connected.map((engine) => (
                <option key={engine.id} value={engine.id}>
                  {displayName(engine, te('bundledName'))}
                </option>
              ))}
            </Select>
          </Field>
          <Button
            onClick={() => void sendHere()}
            disabled={send.busy || !running}
            data-testid="receiver-send-here"
          >
            {t('receiver.sendHere')}
          </Button>
        </div>
      )}
      <ApiErrorBar failure={send.failure} />
      {sent ? (
        <MessageBar intent="success">
          <MessageBarBody data-testid="receiver-sent">{sent}</MessageBarBody>
        </MessageBar>
      ) : null}
    </div>
  );
}
