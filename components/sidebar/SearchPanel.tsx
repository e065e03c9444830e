import { useRef, useState } from 'react';
import type { Lead } from '../../lib/domain/lead';
import { LeadById } from './LeadById';
import { SearchBox } from './SearchBox';

export interface SearchPanelProps {
  now: () => number;
  search: (query: string) => Promise<readonly Lead[]>;
  label?: string;
}

/** A search box whose result opens the lead in place, with a way back to the results. */
export function SearchPanel({ now, search, label }: SearchPanelProps) {
  const [openId, setOpenId] = useState<string | null>(null);
  const searchArea = useRef<HTMLDivElement>(null);

  function back() {
    setOpenId(null);
    // The Back button disappears with the lead: put the keyboard back where the rep was.
    requestAnimationFrame(() =>
      searchArea.current?.querySelector<HTMLElement>('.search-results button, input')?.focus(),
    );
  }

  return (
    <>
      {/* Hidden, not unmounted, while a lead is open: "Back" returns to the same results. */}
      <div ref={searchArea} hidden={openId !== null}>
        <SearchBox search={search} onSelect={(lead) => setOpenId(lead.id)} label={label} />
      </div>
      {openId !== null && (
        <>
          <button type="button" className="secondary back" onClick={back}>
            Back to search results
          </button>
          <LeadById leadId={openId} now={now} />
        </>
      )}
    </>
  );
}
