import { localEngine } from '../../components/dashboard/engine';
import { type MessageEndpoint, serveEngine } from '../../components/dashboard/remote';
import { createRepositories, openHandoffDb } from '../../lib/db';

// Wiring only: the dashboard's engine off the page's thread. IndexedDB belongs to the
// extension's origin in its workers too, so the rows are read here and only figures and
// the panel's rows cross to the page.
serveEngine(localEngine(createRepositories(openHandoffDb())), self as unknown as MessageEndpoint);
