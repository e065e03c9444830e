import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { WelcomePage } from '../../components/welcome/WelcomePage';
import { createRepositories, openHandoffDb, requestPersistentStorage } from '../../lib/db';
import { request } from '../../lib/messaging/client';
import '../../components/ui/base.css';

// Wiring only: the first-run page (opened by the background on install, and from the settings).
const repos = createRepositories(openHandoffDb());
void requestPersistentStorage();

// Loaded by the background: a page (above all the popup, which closes at the next click
// elsewhere) would take the half-written sample data with it when it closes.
const loadSample = () => request((message) => browser.runtime.sendMessage(message), 'sample.load', {});

const root = document.getElementById('root');
if (!root) throw new Error('welcome: #root missing');
createRoot(root).render(
  <StrictMode>
    <WelcomePage
      repos={repos}
      loadSample={loadSample}
      manifest={browser.runtime.getManifest()}
      optionsUrl={browser.runtime.getURL('/options.html')}
    />
  </StrictMode>,
);
