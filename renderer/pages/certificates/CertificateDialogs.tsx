// Which dialog the Certificates page shows, and the row actions that need no dialog of their own
// (save a request, export, use for SIP TLS) or only a confirmation (remove).
import { Text } from '@fluentui/react-components';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/ApiContext.tsx';
import { useApiCall } from '../../api/useApiCall.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { chainPem, fileNameFor } from './certificateFiles.ts';
import type { OwnRow, TrustedRow } from './certificateViewModel.ts';
import { Pkcs12Dialog } from './Pkcs12Dialog.tsx';
import { RequestWizard, type WizardStart } from './RequestWizard.tsx';
import type { OwnAction, TrustedAction } from './rowActions.ts';
import { saveTextFile } from './saveFile.ts';
import { TrustedCaDialog } from './TrustedCaDialog.tsx';

export type CertificateDialog =
  | { kind: 'wizard'; start: WizardStart }
  | { kind: 'pkcs12' }
  | { kind: 'trusted' }
  | { kind: 'own'; row: OwnRow; action: OwnAction }
  | { kind: 'trusted-row'; row: TrustedRow; action: TrustedAction };

interface Props {
  engineId: string;
  dialog: CertificateDialog;
  onChanged: () => void;
  onClose: () => void;
}

export function CertificateDialogs({ engineId, dialog, onChanged, onClose }: Props) {
  switch (dialog.kind) {
    case 'wizard':
      return (
        <RequestWizard engineId={engineId} start={dialog.start} onChanged={onChanged} onClose={onClose} />
      );
    case 'pkcs12':
      return <Pkcs12Dialog engineId={engineId} onChanged={onChanged} onClose={onClose} />;
    case 'trusted':
      return <TrustedCaDialog engineId={engineId} onChanged={onChanged} onClose={onClose} />;
    case 'own':
      return (
        <OwnActionDialog
          engineId={engineId}
          row={dialog.row}
          action={dialog.action}
          onChanged={onChanged}
          onClose={onClose}
        />
      );
    case 'trusted-row':
      if (dialog.action === 'export')
        return (
          <SaveThenClose
            fileName={fileNameFor(dialog.row.label, 'pem')}
            text={chainPem([dialog.row.pem])}
            onClose={onClose}
          />
        );
      return (
        <RemoveDialog
          engineId={engineId}
          id={dialog.row.id}
          label={dialog.row.label}
          onChanged={onChanged}
          onClose={onClose}
        />
      );
  }
}

function OwnActionDialog({
  engineId,
  row,
  action,
  onChanged,
  onClose,
}: Omit<Props, 'dialog'> & { row: OwnRow; action: OwnAction }) {
  const entry = { entryId: row.id, label: row.label, ...(row.csrPem ? { csrPem: row.csrPem } : {}) };
  switch (action) {
    case 'continue':
      return (
        <RequestWizard
          engineId={engineId}
          start={{ step: 'signed', ...entry }}
          onChanged={onChanged}
          onClose={onClose}
        />
      );
    case 'intermediates':
      return (
        <RequestWizard
          engineId={engineId}
          start={{ step: 'intermediates', ...entry }}
          onChanged={onChanged}
          onClose={onClose}
        />
      );
    case 'useForSipTls':
      return (
        <RequestWizard
          engineId={engineId}
          start={{ step: 'use', ...entry }}
          onChanged={onChanged}
          onClose={onClose}
        />
      );
    case 'saveRequest':
      return (
        <SaveThenClose fileName={fileNameFor(row.label, 'csr')} text={row.csrPem ?? ''} onClose={onClose} />
      );
    case 'export':
      return (
        <SaveThenClose
          fileName={fileNameFor(row.label, 'pem')}
          text={chainPem(row.publicPems)}
          onClose={onClose}
        />
      );
    case 'remove':
      return (
        <RemoveDialog
          engineId={engineId}
          id={row.id}
          label={row.label}
          pending={row.state === 'pending'}
          onChanged={onChanged}
          onClose={onClose}
        />
      );
  }
}

/** A save needs no dialog: it starts the download once and is done. */
function SaveThenClose({ fileName, text, onClose }: { fileName: string; text: string; onClose: () => void }) {
  const saved = useRef(false);
  useEffect(() => {
    if (saved.current) return;
    saved.current = true;
    if (text) saveTextFile(fileName, text);
    onClose();
  }, [fileName, text, onClose]);
  return null;
}

function RemoveDialog({
  engineId,
  id,
  label,
  pending = false,
  onChanged,
  onClose,
}: {
  engineId: string;
  id: string;
  label: string;
  pending?: boolean;
  onChanged: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('certificates');
  const api = useApi();
  const call = useApiCall();

  async function confirm() {
    const done = await call.run(() => api.certificates.remove({ engineId, id }));
    if (!done) return;
    onChanged();
    onClose();
  }

  return (
    <ConfirmDialog
      open
      title={t('remove.title', { label })}
      confirmLabel={t('remove.confirm')}
      busy={call.busy}
      failure={call.failure}
      onConfirm={() => void confirm()}
      onCancel={onClose}
    >
      <Text data-testid="remove-warning">{t(pending ? 'remove.pendingBody' : 'remove.body')}</Text>
    </ConfirmDialog>
  );
}
