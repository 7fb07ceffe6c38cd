// The Certificates page, read only: pick a connected engine, see its own certificates and the CAs
// it trusts. Creating requests and importing come with the next step and are said to be missing.
import {
  Button,
  Label,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Spinner,
  Subtitle2,
  Text,
  Title2,
  tokens,
  useId,
} from '@fluentui/react-components';
import { useMemo, useState } from 'react';
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
  const { listing, failure, busy, refresh } = useCertificates(engineId);
  const rows = useMemo(() => (listing ? listingRows(listing) : undefined), [listing]);

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
      <MessageBar intent="info" data-testid="certificates-coming-next">
        <MessageBarBody>
          <MessageBarTitle>{t('comingNext.title')}</MessageBarTitle>
          {t('comingNext.body')}
        </MessageBarBody>
      </MessageBar>
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
          <ApiErrorBar failure={failure} />
          {rows ? (
            <>
              <section className={styles.section} aria-labelledby="own-certificates-heading">
                <Subtitle2 as="h2" id="own-certificates-heading">
                  {t('own.heading')}
                </Subtitle2>
                <OwnCertificatesTable rows={rows.own} />
              </section>
              <section className={styles.section} aria-labelledby="trusted-cas-heading">
                <Subtitle2 as="h2" id="trusted-cas-heading">
                  {t('trusted.heading')}
                </Subtitle2>
                <TrustedCasTable rows={rows.trusted} />
              </section>
            </>
          ) : failure ? null : (
            <Spinner size="small" label={t('loading')} />
          )}
        </>
      )}
    </div>
  );
}
