import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { Sidebar } from '../../components/sidebar/Sidebar';
import type { SidebarState } from '../../components/sidebar/state';
import { request } from '../../lib/messaging/client';
import { connectSidebar } from '../../lib/messaging/sidebar-client';
import { createChangeFeed, createUnsavedDrafts, remoteSidebarData } from '../../lib/sidebar/remote';
import '../../components/ui/base.css';

// Wiring only: this page is the sidebar, framed in a LinkedIn/Gmail/Outlook tab. It gets its
// tab's page state and "data changed" notices from the background over a port, and reads and
// writes leads through the background's typed messages (lib/sidebar/data.ts says why it does
// not open IndexedDB itself).
const send = (message: unknown) => browser.runtime.sendMessage(message);
const changes = createChangeFeed();
const unsaved = createUnsavedDrafts();
const data = remoteSidebarData(send, changes, unsaved);

/** A redacted copy of this tab's page, for a bug report (lib/background/handlers.ts, `page.snapshot`). */
const takeSnapshot = () => request(send, 'page.snapshot', {});

/** The tab's page state, live; a new `connection` number reconnects after an error. */
function usePageState(connection: number): SidebarState {
  const [state, setState] = useState<SidebarState>({ kind: 'loading' });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `connection` is the reconnect trigger, on purpose.
  useEffect(() => {
    const controller = new AbortController();
    setState({ kind: 'loading' });
    connectSidebar({
      connect: (name) => browser.runtime.connect({ name }),
      signal: controller.signal,
      onError: (message) => setState({ kind: 'error', message }),
      onChanged: () => changes.emit(),
      onConnected: (post) => unsaved.connected(post),
      onState: ({ extraction }) => setState(extraction.kind === 'pending' ? { kind: 'loading' } : extraction),
    });
    return () => controller.abort();
  }, [connection]);
  return state;
}

function App() {
  const [connection, setConnection] = useState(0);
  const state = usePageState(connection);
  return (
    <Sidebar
      data={data}
      state={state}
      now={Date.now}
      onRetry={() => setConnection((n) => n + 1)}
      onCollapse={() => void request(send, 'sidebar.setOpen', { open: false }).catch(() => {})}
      onSnapshot={takeSnapshot}
    />
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('sidebar: #root missing');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
