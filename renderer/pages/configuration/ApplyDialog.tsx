// Apply to an engine: first what changes (a diff against the engine's config as loaded), what the
// linter says, then apply — with confirmation by default, so a change that cuts the admin off goes
// back by itself.
import {
  Button,
  Checkbox,
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
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { diffConfigs } from '../../../sbc-engine/config/diff.ts';
import type { LintFinding } from '../../../sbc-engine/config/lint/types.ts';
import type { Config } from '../../../sbc-engine/config/schema/config.ts';
import type { Failure } from '../../api/useApiCall.ts';
import { ApiErrorBar } from '../../components/ApiErrorBar.tsx';
import { DiffList } from './DiffList.tsx';
import type { ApplyInput } from './useEngineConfig.ts';

const useStyles = makeStyles({
  surface: { maxWidth: '820px', width: '100%' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  seconds: { width: '7em' },
});

export const DEFAULT_CONFIRM_SECONDS = 120;

export function ApplyDialog(props: {
  engineName: string;
  before: Config;
  after: Config;
  findings: LintFinding[];
  busy: boolean;
  failure: Failure | undefined;
  onApply: (options: ApplyInput) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('configuration');
  const styles = useStyles();
  const changes = useMemo(() => diffConfigs(props.before, props.after), [props.before, props.after]);
  const errors = props.findings.filter((finding) => finding.severity === 'error');
  const warnings = props.findings.filter((finding) => finding.severity === 'warning');
  const [comment, setComment] = useState('');
  const [withConfirm, setWithConfirm] = useState(true);
  const [seconds, setSeconds] = useState(String(DEFAULT_CONFIRM_SECONDS));
  const [reason, setReason] = useState('');
  const secondsValue = Number(seconds);
  const secondsOk =
    !withConfirm || (Number.isInteger(secondsValue) && secondsValue >= 5 && secondsValue <= 3600);
  const canApply = changes.length > 0 && secondsOk && (errors.length === 0 || reason.trim().length > 0);

  function apply() {
    if (!canApply || props.busy) return;
    props.onApply({
      config: props.after as unknown as Record<string, unknown>,
      comment: comment.trim(),
      ...(withConfirm ? { confirmWithinSeconds: secondsValue } : {}),
      ...(errors.length > 0 ? { overrideReason: reason.trim() } : {}),
    });
  }

  return (
    <Dialog open modalType="modal" onOpenChange={(_e, data) => !data.open && props.onCancel()}>
      <DialogSurface className={styles.surface} data-testid="apply-dialog">
        <DialogBody>
          <DialogTitle>{t('apply.title', { engine: props.engineName })}</DialogTitle>
          <DialogContent className={styles.content}>
            {changes.length === 0 ? (
              <Text data-testid="apply-nothing">{t('apply.nothing')}</Text>
            ) : (
              <DiffList changes={changes} />
            )}
            {errors.length > 0 ? (
              <MessageBar intent="error" data-testid="apply-lint-errors">
                <MessageBarBody>{t('apply.lintErrors', { count: errors.length })}</MessageBarBody>
              </MessageBar>
            ) : warnings.length > 0 ? (
              <MessageBar intent="warning">
                <MessageBarBody>{t('apply.lintWarnings', { count: warnings.length })}</MessageBarBody>
              </MessageBar>
            ) : null}
            {errors.length > 0 ? (
              <Field label={t('apply.overrideReason')} hint={t('apply.overrideHint')} required>
                <Input value={reason} onChange={(_e, d) => setReason(d.value)} data-testid="apply-override" />
              </Field>
            ) : null}
            <Field label={t('apply.comment')} hint={t('apply.commentHint')}>
              <Input value={comment} onChange={(_e, d) => setComment(d.value)} data-testid="apply-comment" />
            </Field>
            <div className={styles.row}>
              <Checkbox
                checked={withConfirm}
                onChange={(_e, d) => setWithConfirm(d.checked === true)}
                label={t('apply.withConfirm')}
                data-testid="apply-with-confirm"
              />
              {withConfirm ? (
                <Input
                  className={styles.seconds}
                  type="number"
                  min={5}
                  max={3600}
                  value={seconds}
                  aria-label={t('apply.seconds')}
                  onChange={(_e, d) => setSeconds(d.value)}
                  data-testid="apply-seconds"
                />
              ) : null}
              {withConfirm ? <Text>{t('apply.secondsUnit')}</Text> : null}
            </div>
            <Text size={200}>
              {withConfirm ? t('apply.confirmExplained') : t('apply.noConfirmExplained')}
            </Text>
            <ApiErrorBar failure={props.failure} />
            {props.failure?.error.problems?.length ? (
              <ul data-testid="apply-problems">
                {props.failure.error.problems.map((problem, index) => (
                  <li key={index}>
                    <code>{problem.path}</code>: {problem.message}
                  </li>
                ))}
              </ul>
            ) : null}
          </DialogContent>
          <DialogActions>
            <Button onClick={props.onCancel}>{t('apply.cancel')}</Button>
            <Button
              appearance="primary"
              disabled={!canApply || props.busy}
              icon={props.busy ? <Spinner size="tiny" /> : undefined}
              onClick={apply}
              data-testid="apply-submit"
            >
              {t('apply.submit')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
