// The PowerShell that pairs this SBC with the Teams tenant, generated from the config, ready to copy.
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Text,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { teamsPowerShell } from '../../../sbc-engine/config/profiles/teams-powershell.ts';
import type { Config } from '../../../sbc-engine/config/schema/config.ts';
import { copyText } from '../certificates/saveFile.ts';

const useStyles = makeStyles({
  surface: { maxWidth: '900px', width: '100%' },
  script: { fontFamily: tokens.fontFamilyMonospace, minHeight: '18em' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

export function PowerShellDialog({ config, onClose }: { config: Config; onClose: () => void }) {
  const { t } = useTranslation('configuration');
  const styles = useStyles();
  const result = useMemo(() => teamsPowerShell(config), [config]);
  const [copied, setCopied] = useState<boolean | undefined>();
  return (
    <Dialog open modalType="modal" onOpenChange={(_e, data) => !data.open && onClose()}>
      <DialogSurface className={styles.surface} data-testid="powershell-dialog">
        <DialogBody>
          <DialogTitle>{t('powershell.title')}</DialogTitle>
          <DialogContent className={styles.content}>
            {result.ok ? (
              <>
                <Text>{t('powershell.intro', { gateway: result.gateway })}</Text>
                <Textarea
                  className={styles.script}
                  readOnly
                  value={result.script}
                  data-testid="powershell-script"
                />
                {copied !== undefined ? (
                  <Text role="status">{t(copied ? 'powershell.copied' : 'powershell.copyRefused')}</Text>
                ) : null}
              </>
            ) : (
              <MessageBar intent="warning" data-testid="powershell-unavailable">
                <MessageBarBody>{result.message}</MessageBarBody>
              </MessageBar>
            )}
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose}>{t('powershell.close')}</Button>
            {result.ok ? (
              <Button
                appearance="primary"
                onClick={() => void copyText(result.script).then(setCopied)}
                data-testid="powershell-copy"
              >
                {t('powershell.copy')}
              </Button>
            ) : null}
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
