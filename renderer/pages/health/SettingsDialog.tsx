// The monitor's settings: intervals, retention, the down threshold, warnings and quiet.
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
  Spinner,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/ApiContext.tsx';
import { useApiCall } from '../../api/useApiCall.ts';
import { ApiErrorBar } from '../../components/ApiErrorBar.tsx';
import type { HealthSettings } from './healthViewModel.ts';

const NUMBERS = ['pollSeconds', 'probeMinutes', 'retentionDays', 'downAfterSeconds', 'certificateWarningDays', 'slowMs'] as const; // prettier-ignore

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

export function SettingsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('health');
  const styles = useStyles();
  const api = useApi();
  const load = useApiCall();
  const save = useApiCall();
  const [draft, setDraft] = useState<Record<string, string | boolean> | undefined>();
  const { run: runLoad } = load;

  useEffect(() => {
    void runLoad(() => api.health.getSettings({})).then((value) => {
      if (value) setDraft(Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === 'boolean' ? v : String(v)]))); // prettier-ignore
    });
  }, [api, runLoad]);

  async function submit() {
    if (!draft) return;
    const changes: Partial<HealthSettings> = {
      probesEnabled: draft.probesEnabled === true,
      quiet: draft.quiet === true,
      ...Object.fromEntries(NUMBERS.map((k) => [k, Number(draft[k])])),
    };
    if (await save.run(() => api.health.updateSettings(changes))) onClose();
  }

  return (
    <Dialog open onOpenChange={(_event, data) => (data.open ? undefined : onClose())}>
      <DialogSurface data-testid="health-settings-dialog">
        <DialogBody>
          <DialogTitle>{t('settings.title')}</DialogTitle>
          <DialogContent>
            <ApiErrorBar failure={load.failure} />
            {draft ? (
              <form
                className={styles.form}
                onSubmit={(event) => {
                  event.preventDefault();
                  void submit();
                }}
              >
                {NUMBERS.map((name) => (
                  <Field key={name} label={t(`settings.${name}`)} hint={name === 'downAfterSeconds' ? t('settings.downAfterHint') : undefined}>
                    <Input
                      type="number"
                      value={String(draft[name])}
                      onChange={(_e, data) => setDraft({ ...draft, [name]: data.value })}
                      data-testid={`health-setting-${name}`}
                    />
                  </Field>
                ))}
                <Checkbox label={t('settings.probesEnabled')} checked={draft.probesEnabled === true} onChange={(_e, data) => setDraft({ ...draft, probesEnabled: data.checked === true })} />
                <Checkbox label={t('settings.quiet')} checked={draft.quiet === true} onChange={(_e, data) => setDraft({ ...draft, quiet: data.checked === true })} data-testid="health-setting-quiet" />
              </form>
            ) : (
              <Spinner size="tiny" />
            )}
            <ApiErrorBar failure={save.failure} />
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose}>{t('shell:common.cancel')}</Button>
            <Button appearance="primary" disabled={!draft || save.busy} onClick={() => void submit()} data-testid="health-settings-save">
              {t('settings.save')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
} // prettier-ignore
