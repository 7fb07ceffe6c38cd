// A new admin password and its repetition, with the rule explained and checked as the user types.
import { Field, Input } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import {
  MAX_ADMIN_PASSWORD_LENGTH,
  MIN_ADMIN_PASSWORD_LENGTH,
} from '../../../sbc-engine/config/password-rule.ts';
import { checkNewPassword, passwordLength } from './passwordRules.ts';

export interface PasswordFieldsProps {
  password: string;
  repeat: string;
  onPassword: (value: string) => void;
  onRepeat: (value: string) => void;
  passwordLabel: string;
  repeatLabel: string;
}

export function PasswordFields(props: PasswordFieldsProps) {
  const { t } = useTranslation('engines');
  const check = checkNewPassword(props.password, props.repeat);
  const limits = { min: MIN_ADMIN_PASSWORD_LENGTH, max: MAX_ADMIN_PASSWORD_LENGTH };

  // Nothing typed yet: only the rule. Typed: say how far along the user is.
  const passwordMessage = !props.password
    ? undefined
    : check.password === 'too-short'
      ? t('password.tooShort', { ...limits, count: passwordLength(props.password) })
      : check.password === 'too-long'
        ? t('password.tooLong', limits)
        : t('password.ok');
  const repeatMessage =
    check.repeat === 'mismatch'
      ? t('password.repeatMismatch')
      : check.repeat === null && !check.password
        ? t('password.repeatOk')
        : undefined;

  return (
    <>
      <Field
        label={props.passwordLabel}
        hint={t('password.rule', limits)}
        validationState={!props.password ? 'none' : check.password ? 'error' : 'success'}
        validationMessage={passwordMessage}
      >
        <Input
          type="password"
          autoComplete="new-password"
          value={props.password}
          onChange={(_e, data) => props.onPassword(data.value)}
        />
      </Field>
      <Field
        label={props.repeatLabel}
        validationState={check.repeat === 'mismatch' ? 'error' : repeatMessage ? 'success' : 'none'}
        validationMessage={repeatMessage}
      >
        <Input
          type="password"
          autoComplete="new-password"
          value={props.repeat}
          onChange={(_e, data) => props.onRepeat(data.value)}
        />
      </Field>
    </>
  );
}
