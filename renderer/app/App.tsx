// The root: theme, strings and API for everything below.
import { FluentProvider, makeStyles, webLightTheme } from '@fluentui/react-components';
import type { i18n } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import type { SbcApi } from '../../electron/api/contract.ts';
import { ApiProvider } from '../api/ApiContext.tsx';
import { Shell } from './Shell.tsx';

const useStyles = makeStyles({ root: { height: '100%' } });

export function App({ api, i18n }: { api: SbcApi; i18n: i18n }) {
  const styles = useStyles();
  return (
    <I18nextProvider i18n={i18n}>
      <ApiProvider api={api}>
        <FluentProvider theme={webLightTheme} className={styles.root}>
          <Shell />
        </FluentProvider>
      </ApiProvider>
    </I18nextProvider>
  );
}
