// Entry point of the renderer bundle (loaded by index.html as a module: no inline script).
import './zodConfig.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getSbcApi } from './api/client.ts';
import { App } from './app/App.tsx';
import { setupI18n } from './i18n/setupI18n.ts';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <App api={getSbcApi()} i18n={setupI18n()} />
  </StrictMode>,
);
