// The window's frame: title bar with the language switch, navigation on the left, the page.
import { makeStyles, Text, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BackupsPage } from '../pages/backups/BackupsPage.tsx';
import { CertificatesPage } from '../pages/certificates/CertificatesPage.tsx';
import { ConfigurationPage } from '../pages/configuration/ConfigurationPage.tsx';
import { EnginesPage } from '../pages/engines/EnginesPage.tsx';
import { HealthNotifier } from '../pages/health/HealthNotifier.tsx';
import { HealthPage } from '../pages/health/HealthPage.tsx';
import { OperationsPage } from '../pages/operations/OperationsPage.tsx';
import { SyslogPage } from '../pages/syslog/SyslogPage.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { NavBar } from './NavBar.tsx';
import { hashForPage, isAvailable, pageFromHash, type PageId } from './navigation.ts';
import { NotAvailablePage } from './NotAvailablePage.tsx';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', height: '100%' },
  header: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  body: { display: 'flex', flexGrow: 1, minHeight: 0 },
  main: { flexGrow: 1, overflow: 'auto', padding: tokens.spacingHorizontalXL, minWidth: 0 },
});

function usePage(): [PageId, (page: PageId) => void] {
  const [page, setPage] = useState<PageId>(() => pageFromHash(window.location.hash));
  useEffect(() => {
    const onHashChange = () => setPage(pageFromHash(window.location.hash));
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);
  function select(next: PageId) {
    setPage(next);
    // replaceState keeps ?token=… and does not fill the history with every click.
    window.history.replaceState(null, '', hashForPage(next));
  }
  return [page, select];
}

export function Shell() {
  const { t } = useTranslation('shell');
  const styles = useStyles();
  const [page, setPage] = usePage();
  return (
    <div className={styles.root}>
      <HealthNotifier />
      <header className={styles.header}>
        <Text weight="semibold" size={400}>
          {t('appName')}
        </Text>
        <LanguageSwitch />
      </header>
      <div className={styles.body}>
        <NavBar current={page} onSelect={setPage} />
        <main className={styles.main}>
          {page === 'certificates' ? (
            <CertificatesPage onGoToEngines={() => setPage('engines')} />
          ) : page === 'backups' ? (
            <BackupsPage />
          ) : page === 'configuration' ? (
            <ConfigurationPage />
          ) : page === 'health' ? (
            <HealthPage onGoToEngines={() => setPage('engines')} />
          ) : page === 'operations' ? (
            <OperationsPage onGoToEngines={() => setPage('engines')} />
          ) : page === 'syslog' ? (
            <SyslogPage />
          ) : isAvailable(page) ? (
            <EnginesPage />
          ) : (
            <NotAvailablePage page={page} onGoToEngines={() => setPage('engines')} />
          )}
        </main>
      </div>
    </div>
  );
}
