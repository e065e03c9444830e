import { mountSidebarHost } from '../../components/sidebar/host';
import '../../components/ui/base.css';

// Wiring only: this page is the sidebar, framed in a LinkedIn/Gmail/Outlook tab. It gets its
// tab's page state and "data changed" notices from the background over a port, and reads and
// writes leads through the background's typed messages (lib/sidebar/data.ts says why it does
// not open IndexedDB itself). components/sidebar/host.tsx holds what it shares with the side panel.
mountSidebarHost('frame');
