import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { PopupHome } from '../../components/popup/PopupHome';
import { createRepositories, openHandoffDb, requestPersistentStorage } from '../../lib/db';
import { request } from '../../lib/messaging/client';
import '../../components/ui/base.css';
import '../../components/popup/popup.css';

// Wiring only. Extension pages are where persistence can be asked for (not the worker).
const repos = createRepositories(openHandoffDb());
void requestPersistentStorage();

// Loaded by the background: a page (above all the popup, which closes at the next click
// elsewhere) would take the half-written sample data with it when it closes.
const loadSample = () => request((message) => browser.runtime.sendMessage(message), 'sample.load', {});

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
