import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Dashboard } from '../../components/dashboard/Dashboard';
import { localEngine } from '../../components/dashboard/engine';
import { fallbackEngine, remoteEngine } from '../../components/dashboard/remote';
import { createRepositories, openHandoffDb } from '../../lib/db';
import EngineWorker from './engine.worker?worker';
import '../../components/ui/base.css';

// Wiring only. A worker reads the database and computes the figures (seconds at 100k leads),
// so the page never freezes; if it cannot start, the page does the same work itself.
// `?worker`, not `new Worker(new URL(..., import.meta.url))`: WXT rewrites import.meta.url,
// so Vite would not bundle the worker (wxt-dev/wxt#2032). In dev mode WXT serves scripts
// from its dev server, which makes the worker cross-origin (wxt-dev/wxt#2599): in-page there.
const inPage = () => localEngine(createRepositories(openHandoffDb()));
const engine =
  import.meta.env.DEV || typeof Worker !== 'function'
    ? inPage()
    : fallbackEngine(remoteEngine(new EngineWorker()), inPage);

const root = document.getElementById('root');
if (!root) throw new Error('dashboard: #root missing');
createRoot(root).render(
  <StrictMode>
    <Dashboard engine={engine} />
  </StrictMode>,
);
