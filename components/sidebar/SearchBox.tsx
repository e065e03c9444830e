import { type FormEvent, useId, useState } from 'react';
import type { Lead } from '../../lib/domain/lead';
import { STAGE_LABELS } from './labels';

export interface SearchBoxProps {
  search: (query: string) => Promise<readonly Lead[]>;
  onSelect: (lead: Lead) => void;
  /** Visible label of the search field. */
  label?: string;
}

type Results =
  | { kind: 'idle' }
  | { kind: 'searching'; query: string }
  | { kind: 'done'; query: string; leads: readonly Lead[] }
  | { kind: 'failed'; query: string; message: string };

/**
 * Manual search by email, LinkedIn URL or name: the fallback when a page cannot be read.
 * Runs on submit, not per keystroke (a name search scans the leads). Results are a snapshot;
 * the lead opened from them is followed live.
 */
export function SearchBox({ search, onSelect, label = 'Search leads' }: SearchBoxProps) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<Results>({ kind: 'idle' });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = query.trim();
    if (!text) return;
    setResults({ kind: 'searching', query: text });
    try {
      const leads = await search(text);
      setResults({ kind: 'done', query: text, leads });
    } catch (error) {
      setResults({ kind: 'failed', query: text, message: error instanceof Error ? error.message : String(error) });
    }
  }

  return (
    <div className="search">
      <search>
        <form onSubmit={onSubmit}>
          <label htmlFor={`${id}-q`}>{label}</label>
          <div className="search-row">
            <input
              id={`${id}-q`}
              type="search"
              placeholder="Email, LinkedIn URL or name"
              autoComplete="off"
              spellCheck={false}
              value={query}
              onChange={(e) => setQuery(e.target.value)}
            />
            <button type="submit">Search</button>
          </div>
        </form>
      </search>
      <div role="status" className="search-status">
        {results.kind === 'searching' && 'Searching…'}
        {results.kind === 'done' &&
          (results.leads.length === 0
            ? `No lead matches "${results.query}".`
            : `${results.leads.length} ${results.leads.length === 1 ? 'lead matches' : 'leads match'} "${results.query}".`)}
      </div>
      {results.kind === 'failed' && (
        <p role="alert" className="error">
          Search failed: {results.message}
        </p>
      )}
      {results.kind === 'done' && results.leads.length > 0 && (
        <ul className="search-results" aria-label="Search results">
          {results.leads.map((lead) => (
            <li key={lead.id}>
              <button type="button" className="result" onClick={() => onSelect(lead)}>
                <span className="result-name">{lead.person.name}</span>
                <span className="result-meta">
                  {[lead.person.title, lead.company.name, STAGE_LABELS[lead.stage]].filter(Boolean).join(' · ')}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
