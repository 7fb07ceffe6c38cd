// Step 1 of the setup wizard: is the certificate SBC Studio sees really the engine's?
import {
  Checkbox,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { EngineView } from '../../../electron/api/contract.ts';
import { MIN_PREFIX_HEX_DIGITS } from './fingerprint.ts';
import { FingerprintText } from './FingerprintText.tsx';
import type { FingerprintCheck } from './setupWizard.ts';

const useStyles = makeStyles({
  step: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

export interface FingerprintStepProps {
  engine: EngineView;
  check: FingerprintCheck;
  typedPrefix: string;
  onTypedPrefix: (value: string) => void;
  confirmed: boolean;
  onConfirmed: (value: boolean) => void;
}

export function FingerprintStep(props: FingerprintStepProps) {
  const { t } = useTranslation('engines');
  const styles = useStyles();
  const { engine, check } = props;
  if (check.kind === 'no-certificate' || !engine.seenFingerprint) {
    return (
      <MessageBar intent="warning">
        <MessageBarBody>{t('fingerprint.noSeen')}</MessageBarBody>
      </MessageBar>
    );
  }
  return (
    <div className={styles.step}>
      <Text>{t('fingerprint.explain')}</Text>
      <Field label={t('fingerprint.seen')}>
        <FingerprintText fingerprint={engine.seenFingerprint} testId="seen-fingerprint" />
      </Field>
      {check.kind === 'automatic' && engine.expectedFingerprint ? (
        <>
          <Field label={t('fingerprint.expected')}>
            <FingerprintText fingerprint={engine.expectedFingerprint} testId="expected-fingerprint" />
          </Field>
          <Verdict match={check.verdict === 'match'} />
        </>
      ) : null}
      {check.kind === 'typed' ? <PrefixInput {...props} check={check} /> : null}
      <Checkbox
        checked={props.confirmed}
        onChange={(_e, data) => props.onConfirmed(data.checked === true)}
        label={t('fingerprint.confirm')}
      />
    </div>
  );
}

function Verdict({ match }: { match: boolean }) {
  const { t } = useTranslation('engines');
  return (
    <MessageBar
      intent={match ? 'success' : 'error'}
      data-testid="fingerprint-verdict"
      data-verdict={match ? 'match' : 'mismatch'}
    >
      <MessageBarBody>{t(match ? 'fingerprint.match' : 'fingerprint.mismatch')}</MessageBarBody>
    </MessageBar>
  );
}

function PrefixInput(props: FingerprintStepProps & { check: Extract<FingerprintCheck, { kind: 'typed' }> }) {
  const { t } = useTranslation('engines');
  const verdict = props.check.verdict;
  const message =
    verdict.kind === 'too-short'
      ? t('fingerprint.prefixTooShort', { count: MIN_PREFIX_HEX_DIGITS, have: verdict.have })
      : verdict.kind === 'invalid'
        ? t('fingerprint.prefixInvalid')
        : verdict.kind === 'match'
          ? t('fingerprint.prefixMatch')
          : verdict.kind === 'mismatch'
            ? t('fingerprint.prefixMismatch')
            : undefined;
  const state =
    verdict.kind === 'match'
      ? 'success'
      : verdict.kind === 'mismatch' || verdict.kind === 'invalid'
        ? 'error'
        : 'none';
  return (
    <>
      {props.engine.bundled ? (
        <MessageBar intent="warning">
          <MessageBarBody>{t('fingerprint.expectedMissing')}</MessageBarBody>
        </MessageBar>
      ) : null}
      <Field
        label={t('fingerprint.prefixLabel')}
        hint={t('fingerprint.prefixHint', { count: MIN_PREFIX_HEX_DIGITS })}
        validationState={state}
        validationMessage={message}
      >
        <Input
          value={props.typedPrefix}
          onChange={(_e, data) => props.onTypedPrefix(data.value)}
          spellCheck={false}
          autoComplete="off"
        />
      </Field>
    </>
  );
}
