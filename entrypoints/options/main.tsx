import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { OptionsPage } from '../../components/options/OptionsPage';
import { createRepositories, openHandoffDb, requestPersistentStorage } from '../../lib/db';
import '../../components/ui/base.css';

// Wiring only. The options page is a first-party extension page (its own tab), so unlike
// the framed sidebar it opens the database itself.
const repos = createRepositories(openHandoffDb());
void requestPersistentStorage();

const root = document.getElementById('root');
if (!root) throw new Error('options: #root missing');
createRoot(root).render(
  <StrictMode>
    <OptionsPage repos={repos} />
  </StrictMode>,
);
