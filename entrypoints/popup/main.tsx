import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { PopupHome } from '../../components/popup/PopupHome';
import { createRepositories, openHandoffDb, requestPersistentStorage } from '../../lib/db';
import '../../components/ui/base.css';
import '../../components/popup/popup.css';

// Wiring only. Extension pages are where persistence can be asked for (not the worker).
const repos = createRepositories(openHandoffDb());
void requestPersistentStorage();

// The generator and its word lists load only when someone asks for sample data.
const loadSample = async () => (await import('../../lib/db/sample')).loadSampleData(repos, { now: Date.now() });

const root = document.getElementById('root');
if (!root) throw new Error('popup: #root missing');
createRoot(root).render(
  <StrictMode>
    <PopupHome
      repos={repos}
      loadSample={loadSample}
      onOpenSettings={() => void browser.runtime.openOptionsPage()}
      onOpenDashboard={() => void browser.tabs.create({ url: browser.runtime.getURL('/dashboard.html') })}
    />
  </StrictMode>,
);
