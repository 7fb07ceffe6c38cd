// A certificate file, picked from disk or pasted as PEM text: what the CA mailed, a .cer, .p7b or
// .pfx. The parent gets the payload the engine takes (PEM text or base64 of the bytes).
import { Button, Field, makeStyles, Text, Textarea, tokens } from '@fluentui/react-components';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fileToPayload, MAX_CERTIFICATE_FILE_BYTES } from './certificateFiles.ts';

const useStyles = makeStyles({
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  hidden: { display: 'none' },
  pem: { fontFamily: tokens.fontFamilyMonospace, minHeight: '8em' },
});

// The shape of PEM text, the same in every language.
const PEM_PLACEHOLDER = '-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----';

export interface CertificateFileFieldProps {
  label: string;
  hint?: string;
  /** File types offered in the picker, e.g. ".pem,.cer,.crt,.p7b". */
  accept: string;
  /** Pasting text makes sense for PEM files; a .pfx can only be picked. */
  allowPaste: boolean;
  error?: string | undefined;
  testId: string;
  onChange: (payload: string) => void;
}

export function CertificateFileField(props: CertificateFileFieldProps) {
  const { t } = useTranslation('certificates');
  const styles = useStyles();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [picked, setPicked] = useState<string | undefined>();
  const [pasted, setPasted] = useState('');
  const [readError, setReadError] = useState<string | undefined>();

  async function pick(file: File | undefined) {
    setReadError(undefined);
    if (!file) return;
    if (file.size > MAX_CERTIFICATE_FILE_BYTES) {
      setPicked(undefined);
      props.onChange('');
      setReadError(
        t('file.tooLarge', { name: file.name, kb: Math.round(MAX_CERTIFICATE_FILE_BYTES / 1024) }),
      );
      return;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    setPicked(t('file.picked', { name: file.name, bytes: file.size }));
    setPasted('');
    props.onChange(fileToPayload(bytes));
  }

  return (
    <Field
      label={props.label}
      hint={props.hint}
      validationMessage={readError ?? props.error}
      validationState={readError || props.error ? 'error' : 'none'}
    >
      <div className={styles.row}>
        <input
          ref={input}
          id={inputId}
          type="file"
          accept={props.accept}
          className={styles.hidden}
          data-testid={`${props.testId}-file`}
          onChange={(event) => void pick(event.target.files?.[0])}
        />
        <Button onClick={() => input.current?.click()}>{t('file.choose')}</Button>
        {picked ? <Text data-testid={`${props.testId}-picked`}>{picked}</Text> : null}
      </div>
      {props.allowPaste ? (
        <Textarea
          className={styles.pem}
          aria-label={t('file.pasteLabel')}
          placeholder={PEM_PLACEHOLDER}
          value={pasted}
          data-testid={`${props.testId}-paste`}
          onChange={(_event, data) => {
            setPasted(data.value);
            setPicked(undefined);
            if (input.current) input.current.value = '';
            props.onChange(data.value);
          }}
        />
      ) : null}
    </Field>
  );
}
