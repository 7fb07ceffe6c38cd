// The engine shows a certificate other than the pinned one. This can be an attack, so nothing
// is sent until the user explicitly trusts the new one, behind a confirmation.
import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EngineView } from '../../../electron/api/contract.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { useApiCall } from '../../api/useApiCall.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { DefinitionList, Row } from '../../components/DefinitionList.tsx';
import { FingerprintText } from './FingerprintText.tsx';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '720px' },
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

export function CertificateChangedView({
  engine,
  onUpdate,
}: {
  engine: EngineView;
  onUpdate: (view: EngineView) => void;
}) {
  const { t } = useTranslation('engines');
  const styles = useStyles();
  const api = useApi();
  const accept = useApiCall();
  // The fingerprint the user looked at when asking to trust it: exactly that one is accepted.
  const [confirming, setConfirming] = useState<string | undefined>();

  async function trust() {
    if (!confirming) return;
    const view = await accept.run(() =>
      api.engines.acceptCertificate({ engineId: engine.id, fingerprint: confirming }),
    );
    if (view) {
      setConfirming(undefined);
      onUpdate(view);
    }
  }

  return (
    <div className={styles.root} data-testid="certificate-changed">
      <MessageBar intent="error" layout="multiline" role="alert">
        <MessageBarBody className={styles.body}>
          <MessageBarTitle>{t('certificate.heading')}</MessageBarTitle>
          <Text>{t('certificate.text', { address: engine.address })}</Text>
        </MessageBarBody>
      </MessageBar>
      <DefinitionList>
        <Row term={t('certificate.pinned')}>
          {engine.pinnedFingerprint ? (
            <FingerprintText fingerprint={engine.pinnedFingerprint} testId="pinned-fingerprint" />
          ) : (
            '—'
          )}
        </Row>
        <Row term={t('certificate.seen')}>
          {engine.seenFingerprint ? (
            <FingerprintText fingerprint={engine.seenFingerprint} testId="seen-fingerprint" />
          ) : (
            '—'
          )}
        </Row>
      </DefinitionList>
      <Text>{t('certificate.advice')}</Text>
      <div>
        <Button disabled={!engine.seenFingerprint} onClick={() => setConfirming(engine.seenFingerprint)}>
          {t('certificate.trust')}
        </Button>
      </div>
      <ConfirmDialog
        open={confirming !== undefined}
        title={t('certificate.confirmTitle')}
        confirmLabel={t('certificate.confirm')}
        busy={accept.busy}
        failure={accept.failure}
        onConfirm={() => void trust()}
        onCancel={() => {
          setConfirming(undefined);
          accept.clear();
        }}
      >
        <Text block>{t('certificate.confirmBody')}</Text>
        {confirming ? <FingerprintText fingerprint={confirming} /> : null}
      </ConfirmDialog>
    </div>
  );
}
