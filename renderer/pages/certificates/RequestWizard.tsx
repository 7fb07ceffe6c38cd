// The certificate wizard (seed 001's flow as one guided dialog): create a key and request, send the
// request to the CA, import the signed certificate, add its intermediates, use it for SIP TLS. Each
// step is checked by the engine and says in plain words what does not fit. It can be left after any
// step and resumed from the list, since every step is stored on the engine at once.
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  Text,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/ApiContext.tsx';
import { useApiCall } from '../../api/useApiCall.ts';
import { ApiErrorBar } from '../../components/ApiErrorBar.tsx';
import { fieldError } from '../../i18n/apiErrors.ts';
import { CertificateFileField } from './CertificateFileField.tsx';
import { fileNameFor } from './certificateFiles.ts';
import { ChainProblems } from './ChainProblems.tsx';
import { ALGORITHMS, checkRequestForm, toRequestInput, type RequestForm } from './requestForm.ts';
import { copyText, saveTextFile } from './saveFile.ts';
import {
  missingIssuers,
  stepAfterImport,
  stepNumber,
  WIZARD_STEPS,
  type ChainResult,
  type WizardStep,
} from './wizardSteps.ts';

const useStyles = makeStyles({
  surface: { maxWidth: '760px', width: '100%' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  pem: { fontFamily: tokens.fontFamilyMonospace, minHeight: '14em' },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
});

/** Where the wizard opens: a new request, or an entry of the list to continue. */
export type WizardStart =
  | { step: 'request' }
  | { step: 'send' | 'signed' | 'intermediates' | 'use'; entryId: string; label: string; csrPem?: string };

interface Entry {
  id: string;
  label: string;
  csrPem?: string;
}

const CERTIFICATE_FILES = '.pem,.cer,.crt,.der,.p7b,.p7c,.txt';

export function RequestWizard({
  engineId,
  start,
  onChanged,
  onClose,
}: {
  engineId: string;
  start: WizardStart;
  /** Something was stored on the engine: the list behind the dialog should reload. */
  onChanged: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('certificates');
  const styles = useStyles();
  const api = useApi();
  const call = useApiCall();
  const [step, setStep] = useState<WizardStep>(start.step);
  const [entry, setEntry] = useState<Entry | undefined>(
    start.step === 'request'
      ? undefined
      : { id: start.entryId, label: start.label, ...(start.csrPem ? { csrPem: start.csrPem } : {}) },
  );
  const [form, setForm] = useState<RequestForm>({
    label: t('wizard.request.defaultLabel'),
    algorithm: 'rsa-2048',
    commonName: '',
    dnsNames: '',
  });
  const [touched, setTouched] = useState(false);
  const [nameNotes, setNameNotes] = useState<string[]>([]);
  const [payload, setPayload] = useState('');
  const [chain, setChain] = useState<ChainResult | undefined>();
  const [listeners, setListeners] = useState<number | undefined>();
  const [copied, setCopied] = useState<'yes' | 'no' | undefined>();

  const formProblems = checkRequestForm(form);
  const problemText = (field: string): string | undefined => {
    const local = touched ? formProblems.find((problem) => problem.field === field) : undefined;
    if (local) return t(`wizard.request.problems.${local.key}`, 'values' in local ? local.values : {});
    return fieldError(call.failure?.error, field)?.message;
  };

  function go(next: WizardStep) {
    call.clear();
    setPayload('');
    setCopied(undefined);
    setStep(next);
  }

  async function createRequest(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (formProblems.length > 0 || call.busy) return;
    const created = await call.run(() => api.certificates.createRequest(toRequestInput(engineId, form)));
    if (!created) return;
    setEntry({ id: created.id, label: form.label.trim(), csrPem: created.csrPem });
    setNameNotes(created.nameProblems.map((problem) => problem.message));
    onChanged();
    go('send');
  }

  async function importCertificate(kind: 'signed' | 'intermediates') {
    if (!entry || !payload.trim() || call.busy) return;
    const input = { engineId, id: entry.id, pem: payload };
    const result = await call.run(() =>
      kind === 'signed' ? api.certificates.importSigned(input) : api.certificates.importIntermediates(input),
    );
    if (!result) return;
    setChain(result);
    onChanged();
    // After intermediates, a chain still missing an issuer stays on this step, with the new findings.
    go(stepAfterImport(result));
  }

  async function serveSipTls() {
    if (!entry || call.busy) return;
    const result = await call.run(() => api.certificates.useForSipTls({ engineId, id: entry.id }));
    if (!result) return;
    setListeners(result.listeners);
    onChanged();
    go('done');
  }

  async function copy(text: string) {
    setCopied((await copyText(text)) ? 'yes' : 'no');
  }

  const title =
    step === 'done'
      ? t('wizard.done.title')
      : t('wizard.stepOf', {
          n: stepNumber(step),
          total: WIZARD_STEPS.length,
          title: t(`wizard.${step}.title`),
        });

  return (
    <Dialog open modalType="modal" onOpenChange={(_event, data) => !data.open && onClose()}>
      <DialogSurface className={styles.surface} data-testid="certificate-wizard" data-step={step}>
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent className={styles.content}>
            {entry && step !== 'request' ? (
              <Text data-testid="wizard-entry">{t('wizard.entry', { label: entry.label })}</Text>
            ) : null}

            {step === 'request' ? (
              <form
                id="certificate-request-form"
                className={styles.content}
                onSubmit={(e) => void createRequest(e)}
              >
                <Text>{t('wizard.request.intro')}</Text>
                <Field label={t('wizard.request.label')} required validationMessage={problemText('label')}>
                  <Input
                    value={form.label}
                    data-testid="wizard-label"
                    onChange={(_e, data) => setForm({ ...form, label: data.value })}
                  />
                </Field>
                <Field
                  label={t('wizard.request.commonName')}
                  hint={t('wizard.request.commonNameHint')}
                  required
                  validationMessage={problemText('commonName')}
                >
                  <Input
                    value={form.commonName}
                    placeholder="sbc.example.com"
                    data-testid="wizard-common-name"
                    onChange={(_e, data) => setForm({ ...form, commonName: data.value })}
                  />
                </Field>
                <Field
                  label={t('wizard.request.dnsNames')}
                  hint={t('wizard.request.dnsNamesHint')}
                  validationMessage={problemText('dnsNames')}
                >
                  <Textarea
                    value={form.dnsNames}
                    data-testid="wizard-dns-names"
                    onChange={(_e, data) => setForm({ ...form, dnsNames: data.value })}
                  />
                </Field>
                <Field label={t('wizard.request.algorithm')} hint={t('wizard.request.algorithmHint')}>
                  <Select
                    value={form.algorithm}
                    data-testid="wizard-algorithm"
                    onChange={(_e, data) =>
                      setForm({ ...form, algorithm: data.value as RequestForm['algorithm'] })
                    }
                  >
                    {ALGORITHMS.map((algorithm) => (
                      <option key={algorithm} value={algorithm}>
                        {t(`algorithms.${algorithm}`)}
                      </option>
                    ))}
                  </Select>
                </Field>
              </form>
            ) : null}

            {step === 'send' && entry ? (
              <>
                <Text>{t('wizard.send.intro')}</Text>
                {nameNotes.map((note) => (
                  <MessageBar key={note} intent="warning" data-testid="wizard-name-note">
                    <MessageBarBody>{note}</MessageBarBody>
                  </MessageBar>
                ))}
                {entry.csrPem ? (
                  <>
                    <Textarea
                      className={styles.pem}
                      readOnly
                      value={entry.csrPem}
                      aria-label={t('wizard.send.pemLabel')}
                      data-testid="wizard-csr"
                    />
                    <div className={styles.row}>
                      <Button onClick={() => void copy(entry.csrPem!)} data-testid="wizard-copy-csr">
                        {t('wizard.send.copy')}
                      </Button>
                      <Button
                        onClick={() => saveTextFile(fileNameFor(entry.label, 'csr'), entry.csrPem!)}
                        data-testid="wizard-save-csr"
                      >
                        {t('wizard.send.save')}
                      </Button>
                      {copied ? (
                        <Text role="status" data-testid="wizard-copied">
                          {t(copied === 'yes' ? 'wizard.send.copied' : 'wizard.send.copyRefused')}
                        </Text>
                      ) : null}
                    </div>
                  </>
                ) : null}
                <Text>{t('wizard.send.later')}</Text>
              </>
            ) : null}

            {step === 'signed' ? (
              <>
                <Text>{t('wizard.signed.intro')}</Text>
                <CertificateFileField
                  label={t('wizard.signed.file')}
                  hint={t('wizard.signed.fileHint')}
                  accept={CERTIFICATE_FILES}
                  allowPaste
                  testId="wizard-signed"
                  error={fieldError(call.failure?.error, 'pem')?.message}
                  onChange={setPayload}
                />
              </>
            ) : null}

            {step === 'intermediates' ? (
              <>
                {chain ? <ChainProblems result={chain} /> : null}
                <Text>
                  {missingIssuers(chain).length > 0
                    ? t('wizard.intermediates.introMissing')
                    : t('wizard.intermediates.intro')}
                </Text>
                <CertificateFileField
                  label={t('wizard.intermediates.file')}
                  hint={t('wizard.intermediates.fileHint')}
                  accept={CERTIFICATE_FILES}
                  allowPaste
                  testId="wizard-intermediates"
                  error={fieldError(call.failure?.error, 'pem')?.message}
                  onChange={setPayload}
                />
              </>
            ) : null}

            {step === 'use' ? (
              <>
                {chain ? <ChainProblems result={chain} /> : null}
                <Text>{t('wizard.use.intro')}</Text>
                <Text>{t('wizard.use.trustNote')}</Text>
              </>
            ) : null}

            {step === 'done' ? (
              <MessageBar intent="success" data-testid="wizard-done">
                <MessageBarBody>
                  {listeners && listeners > 0
                    ? t('wizard.done.serving', { count: listeners })
                    : t('wizard.done.noListener')}
                </MessageBarBody>
              </MessageBar>
            ) : null}

            <ApiErrorBar failure={call.failure} />
          </DialogContent>
          <DialogActions>
            <WizardButtons
              step={step}
              busy={call.busy}
              canImport={payload.trim().length > 0}
              onClose={onClose}
              onNext={go}
              onImport={(kind) => void importCertificate(kind)}
              onUse={() => void serveSipTls()}
            />
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

function WizardButtons(props: {
  step: WizardStep;
  busy: boolean;
  canImport: boolean;
  onClose: () => void;
  onNext: (step: WizardStep) => void;
  onImport: (kind: 'signed' | 'intermediates') => void;
  onUse: () => void;
}) {
  const { t } = useTranslation('certificates');
  const spinner = props.busy ? <Spinner size="tiny" /> : undefined;
  const close = (
    <Button onClick={props.onClose} data-testid="wizard-close">
      {t(
        props.step === 'request' ? 'wizard.cancel' : props.step === 'done' ? 'wizard.finish' : 'wizard.later',
      )}
    </Button>
  );
  switch (props.step) {
    case 'request':
      return (
        <>
          {close}
          <Button
            appearance="primary"
            type="submit"
            form="certificate-request-form"
            disabled={props.busy}
            icon={spinner}
            data-testid="wizard-create"
          >
            {t('wizard.request.create')}
          </Button>
        </>
      );
    case 'send':
      return (
        <>
          {close}
          <Button appearance="primary" onClick={() => props.onNext('signed')} data-testid="wizard-next">
            {t('wizard.send.next')}
          </Button>
        </>
      );
    case 'signed':
    case 'intermediates':
      return (
        <>
          {close}
          {props.step === 'intermediates' ? (
            <Button onClick={() => props.onNext('use')} data-testid="wizard-skip">
              {t('wizard.intermediates.skip')}
            </Button>
          ) : null}
          <Button
            appearance="primary"
            disabled={props.busy || !props.canImport}
            icon={spinner}
            onClick={() => props.onImport(props.step as 'signed' | 'intermediates')}
            data-testid="wizard-import"
          >
            {t('wizard.import')}
          </Button>
        </>
      );
    case 'use':
      return (
        <>
          {close}
          <Button
            appearance="primary"
            disabled={props.busy}
            icon={spinner}
            onClick={props.onUse}
            data-testid="wizard-use"
          >
            {t('wizard.use.action')}
          </Button>
        </>
      );
    case 'done':
      return close;
  }
}
