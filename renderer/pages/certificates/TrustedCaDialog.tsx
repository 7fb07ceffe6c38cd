// Add a CA the engine trusts for TLS peers: one of the roots shipped with the engine (the ones
// Microsoft and Telekom use, by name) or a file from the admin's own CA.
import {
  Badge,
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
  Radio,
  RadioGroup,
  Spinner,
  Tab,
  TabList,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../electron/api/contract.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { useApiCall } from '../../api/useApiCall.ts';
import { ApiErrorBar } from '../../components/ApiErrorBar.tsx';
import { fieldError } from '../../i18n/apiErrors.ts';
import { CertificateFileField } from './CertificateFileField.tsx';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  why: { color: tokens.colorNeutralForeground3 },
  badges: { display: 'inline-flex', gap: tokens.spacingHorizontalXS, marginLeft: tokens.spacingHorizontalS },
});

type BundledRoot = Output<'certificates.bundledRoots'>['roots'][number];

export function TrustedCaDialog({
  engineId,
  onChanged,
  onClose,
}: {
  engineId: string;
  onChanged: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('certificates');
  const styles = useStyles();
  const api = useApi();
  const load = useApiCall();
  const call = useApiCall();
  const [tab, setTab] = useState<'bundled' | 'file'>('bundled');
  const [roots, setRoots] = useState<BundledRoot[] | undefined>();
  const [chosen, setChosen] = useState<string>('');
  const [label, setLabel] = useState('');
  const [pem, setPem] = useState('');
  const [added, setAdded] = useState<number | undefined>();
  const { run } = load;

  useEffect(() => {
    void run(() => api.certificates.bundledRoots({ engineId })).then((listing) => {
      if (listing) setRoots(listing.roots);
    });
  }, [api, engineId, run]);

  const canAdd = tab === 'bundled' ? chosen.length > 0 : label.trim().length > 0 && pem.trim().length > 0;

  async function add() {
    if (!canAdd || call.busy) return;
    const result = await call.run(() =>
      tab === 'bundled'
        ? api.certificates.addBundledRoot({ engineId, name: chosen })
        : api.certificates.addTrusted({ engineId, label: label.trim(), pem }),
    );
    if (!result) return;
    setAdded(result.ids.length);
    onChanged();
  }

  return (
    <Dialog open modalType="modal" onOpenChange={(_e, data) => !data.open && onClose()}>
      <DialogSurface data-testid="trusted-ca-dialog">
        <DialogBody>
          <DialogTitle>{t('trustedAdd.title')}</DialogTitle>
          <DialogContent className={styles.content}>
            {added !== undefined ? (
              <Text data-testid="trusted-added" role="status">
                {added > 0 ? t('trustedAdd.added', { count: added }) : t('trustedAdd.alreadyTrusted')}
              </Text>
            ) : (
              <>
                <TabList
                  selectedValue={tab}
                  onTabSelect={(_e, data) => setTab(data.value as 'bundled' | 'file')}
                >
                  <Tab value="bundled" data-testid="trusted-tab-bundled">
                    {t('trustedAdd.bundledTab')}
                  </Tab>
                  <Tab value="file" data-testid="trusted-tab-file">
                    {t('trustedAdd.fileTab')}
                  </Tab>
                </TabList>
                {tab === 'bundled' ? (
                  roots ? (
                    <RadioGroup
                      value={chosen}
                      aria-label={t('trustedAdd.bundledTab')}
                      onChange={(_e, data) => setChosen(data.value)}
                    >
                      {roots.map((root) => (
                        <Radio
                          key={root.name}
                          value={root.name}
                          disabled={!root.available || root.trusted}
                          data-testid="bundled-root"
                          data-name={root.name}
                          label={
                            <span className={styles.root}>
                              <span>
                                {root.name}
                                <span className={styles.badges}>
                                  {root.trusted ? (
                                    <Badge color="success">{t('trustedAdd.trusted')}</Badge>
                                  ) : null}
                                  {root.expired ? <Badge color="danger">{t('expiry.expired')}</Badge> : null}
                                  {!root.available ? (
                                    <Badge color="informative">{t('trustedAdd.notBundled')}</Badge>
                                  ) : null}
                                </span>
                              </span>
                              <span className={styles.why}>{root.why}</span>
                            </span>
                          }
                        />
                      ))}
                    </RadioGroup>
                  ) : load.failure ? null : (
                    <Spinner size="tiny" label={t('loading')} />
                  )
                ) : (
                  <>
                    <Field
                      label={t('trustedAdd.label')}
                      required
                      validationMessage={fieldError(call.failure?.error, 'label')?.message}
                    >
                      <Input
                        value={label}
                        data-testid="trusted-label"
                        onChange={(_e, d) => setLabel(d.value)}
                      />
                    </Field>
                    <CertificateFileField
                      label={t('trustedAdd.file')}
                      hint={t('trustedAdd.fileHint')}
                      accept=".pem,.cer,.crt,.der,.p7b,.p7c"
                      allowPaste
                      testId="trusted"
                      error={fieldError(call.failure?.error, 'pem')?.message}
                      onChange={setPem}
                    />
                  </>
                )}
                <ApiErrorBar failure={load.failure ?? call.failure} />
              </>
            )}
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose} data-testid="trusted-close">
              {t(added !== undefined ? 'wizard.finish' : 'wizard.cancel')}
            </Button>
            {added !== undefined ? null : (
              <Button
                appearance="primary"
                disabled={!canAdd || call.busy}
                icon={call.busy ? <Spinner size="tiny" /> : undefined}
                onClick={() => void add()}
                data-testid="trusted-add"
              >
                {t('trustedAdd.add')}
              </Button>
            )}
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
