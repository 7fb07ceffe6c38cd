// One message in full: the SIP message highlighted, and the line as received.
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Spinner,
  Subtitle2,
  Text,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LogMessageDetail } from '../../../electron/api/contract.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { toFailure, type Failure } from '../../api/useApiCall.ts';
import { ApiErrorBar } from '../../components/ApiErrorBar.tsx';
import { SipText } from './SipText.tsx';
import { formatTime } from './tailBuffer.ts';

export function MessageDialog({ id, onClose }: { id: number | undefined; onClose: () => void }) {
  const { t } = useTranslation('syslog');
  const api = useApi();
  // Keyed by the id asked for, so another message's answer is never shown for this one.
  const [answer, setAnswer] = useState<{ id: number; detail?: LogMessageDetail; failure?: Failure }>();
  const detail = answer?.id === id ? answer?.detail : undefined;
  const failure = answer?.id === id ? answer?.failure : undefined;
  useEffect(() => {
    if (id === undefined) return;
    let current = true;
    void api.syslog.message({ id }).then((result) => {
      if (!current) return;
      setAnswer(result.ok ? { id, detail: result.value } : { id, failure: toFailure(result.error) });
    });
    return () => {
      current = false;
    };
  }, [api, id]);
  return (
    <Dialog open={id !== undefined} onOpenChange={(_e, data) => (data.open ? undefined : onClose())}>
      <DialogSurface style={{ maxWidth: '90vw', width: 900 }} data-testid="syslog-message">
        <DialogBody>
          <DialogTitle>
            {t('ladder.messageTitle')}
            {detail ? ` · ${formatTime(detail.time)}` : ''}
          </DialogTitle>
          <DialogContent>
            <ApiErrorBar failure={failure} />
            {!detail && !failure ? <Spinner size="small" label={t('message.loading')} /> : null}
            {detail ? (
              <>
                {detail.source ? <Text>{t('message.source', { source: detail.source })}</Text> : null}
                {detail.sip ? (
                  <>
                    <Subtitle2 as="h3">{t('message.sip')}</Subtitle2>
                    <SipText text={detail.sip.text} testId="syslog-message-sip" />
                  </>
                ) : null}
                <Subtitle2 as="h3">{t('message.raw')}</Subtitle2>
                <SipText text={detail.text} testId="syslog-message-raw" />
              </>
            ) : null}
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose}>{t('message.close')}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
