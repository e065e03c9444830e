import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { WelcomePage } from '../../components/welcome/WelcomePage';
import { createRepositories, openHandoffDb, requestPersistentStorage } from '../../lib/db';
import '../../components/ui/base.css';

// Wiring only: the first-run page (opened by the background on install, and from the settings).
const repos = createRepositories(openHandoffDb());
void requestPersistentStorage();

// The popup's loader: the generator and its word lists load only when someone asks for them.
const loadSample = async () => (await import('../../lib/db/sample')).loadSampleData(repos, { now: Date.now() });

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
