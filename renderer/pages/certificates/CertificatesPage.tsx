// The Certificates page: pick a connected engine, see its own certificates and the CAs it trusts,
// and change them — the request wizard, PFX import, trusted CAs, export and removal.
import {
  Button,
  Label,
  makeStyles,
  Select,
  Spinner,
  Subtitle2,
  Text,
  Title2,
  tokens,
  useId,
} from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { CertificateDialogs, type CertificateDialog } from './CertificateDialogs.tsx';
import { useTranslation } from 'react-i18next';
import { ApiErrorBar } from '../../components/ApiErrorBar.tsx';
import { displayName } from '../engines/engineViewModel.ts';
import { useEngines } from '../engines/useEngines.ts';
import { connectedEngines, listingRows, pickEngine } from './certificateViewModel.ts';
import { OwnCertificatesTable } from './OwnCertificatesTable.tsx';
import { TrustedCasTable } from './TrustedCasTable.tsx';
import { useCertificates } from './useCertificates.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  header: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
  },
  picker: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  toolbar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, overflowX: 'auto' },
});

export function CertificatesPage({ onGoToEngines }: { onGoToEngines: () => void }) {
  const { t } = useTranslation('certificates');
  const styles = useStyles();
  const selectId = useId('certificates-engine');
  const { engines, failure: enginesFailure } = useEngines();
  const connected = useMemo(() => connectedEngines(engines ?? []), [engines]);
  const [chosenId, setChosenId] = useState<string | undefined>();
  const engineId = pickEngine(connected, chosenId);
  const { listing, config, failure, busy, refresh } = useCertificates(engineId);
  const rows = useMemo(() => (listing ? listingRows(listing, config) : undefined), [listing, config]);
  const [dialog, setDialog] = useState<CertificateDialog | undefined>();

  return (
    <div className={styles.root} data-testid="certificates-page">
      <div className={styles.header}>
        <Title2 as="h1">{t('title')}</Title2>
        {engineId ? (
          <Button
            onClick={() => void refresh()}
            disabled={busy}
            icon={busy ? <Spinner size="tiny" /> : undefined}
          >
            {t('refresh')}
          </Button>
        ) : null}
      </div>
      <Text>{t('intro')}</Text>
      <ApiErrorBar failure={enginesFailure} />
      {!engines ? (
        enginesFailure ? null : (
          <Spinner size="small" label={t('loading')} />
        )
      ) : connected.length === 0 ? (
        <div className={styles.section} data-testid="certificates-no-engine">
          <Text>{t('noEngine')}</Text>
          <div>
            <Button onClick={onGoToEngines}>{t('goToEngines')}</Button>
          </div>
        </div>
      ) : (
        <>
          <div className={styles.picker}>
            <Label htmlFor={selectId}>{t('engine')}</Label>
            <Select
              id={selectId}
              value={engineId}
              data-testid="certificates-engine"
              onChange={(_event, data) => setChosenId(data.value)}
            >
              {connected.map((engine) => (
                <option key={engine.id} value={engine.id}>
                  {displayName(engine, t('engines:bundledName'))} ({engine.address})
                </option>
              ))}
            </Select>
          </div>
          <div className={styles.toolbar} role="toolbar" aria-label={t('actions.toolbar')}>
            <Button
              appearance="primary"
              onClick={() => setDialog({ kind: 'wizard', start: { step: 'request' } })}
              data-testid="certificates-create-request"
            >
              {t('actions.createRequest')}
            </Button>
            <Button onClick={() => setDialog({ kind: 'pkcs12' })} data-testid="certificates-import-pfx">
              {t('actions.importPfx')}
            </Button>
            <Button onClick={() => setDialog({ kind: 'trusted' })} data-testid="certificates-add-trusted">
              {t('actions.addTrusted')}
            </Button>
          </div>
          <ApiErrorBar failure={failure} />
          {rows ? (
            <>
              <section className={styles.section} aria-labelledby="own-certificates-heading">
                <Subtitle2 as="h2" id="own-certificates-heading">
                  {t('own.heading')}
                </Subtitle2>
                <OwnCertificatesTable
                  rows={rows.own}
                  onAction={(row, action) => setDialog({ kind: 'own', row, action })}
                />
              </section>
              <section className={styles.section} aria-labelledby="trusted-cas-heading">
                <Subtitle2 as="h2" id="trusted-cas-heading">
                  {t('trusted.heading')}
                </Subtitle2>
                <TrustedCasTable
                  rows={rows.trusted}
                  onAction={(row, action) => setDialog({ kind: 'trusted-row', row, action })}
                />
              </section>
            </>
          ) : failure ? null : (
            <Spinner size="small" label={t('loading')} />
          )}
          {engineId && dialog ? (
            <CertificateDialogs
              engineId={engineId}
              dialog={dialog}
              onChanged={() => void refresh()}
              onClose={() => setDialog(undefined)}
            />
          ) : null}
        </>
      )}
    </div>
  );
}
