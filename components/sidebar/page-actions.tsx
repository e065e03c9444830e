import { createContext, useContext } from 'react';
import { SnapshotPanel, type PageSnapshot } from './SnapshotPanel';

/**
 * What the sidebar's host can do with the page beside it, for the views deep inside that offer
 * it: take a redacted snapshot for a bug report. The framed sidebar asks the background; tests
 * pass their own; without it, nothing is offered.
 */
export interface PageActions {
  snapshot?: (() => Promise<PageSnapshot>) | undefined;
}

export const PageActionsContext = createContext<PageActions>({});

/**
 * "Save this page for a bug report", where the host can take a snapshot; nothing otherwise.
 * With `folded`, behind a disclosure with that summary (where the offer is a side road).
 */
export function PageSnapshotOffer({ folded }: { folded?: string }) {
  const { snapshot } = useContext(PageActionsContext);
  if (!snapshot) return null;
  if (!folded) return <SnapshotPanel take={snapshot} />;
  return (
    <details className="already">
      <summary>{folded}</summary>
      <SnapshotPanel take={snapshot} />
    </details>
  );
}
