import { useId } from 'react';
import type { Lead } from '../../lib/domain/lead';
import { STAGE_LABELS } from './labels';

export interface DuplicateNoticeProps {
  leads: readonly Lead[];
  selectedId: string;
  onSelect: (id: string) => void;
}

/** Several leads match the person on the page: likely a duplicate, shown rather than hidden. */
export function DuplicateNotice({ leads, selectedId, onSelect }: DuplicateNoticeProps) {
  const id = useId();
  return (
    <section className="notice" aria-labelledby={id}>
      <h2 id={id} className="notice-title">
        {leads.length} leads match this person
      </h2>
      <p className="small">This may be a duplicate. Showing the selected one:</p>
      <ul className="choices">
        {leads.map((lead) => (
          <li key={lead.id}>
            <button
              type="button"
              className="secondary"
              aria-pressed={lead.id === selectedId}
              onClick={() => onSelect(lead.id)}
            >
              {lead.person.name} · {STAGE_LABELS[lead.stage]}
              {lead.person.emails[0] ? ` · ${lead.person.emails[0]}` : ''}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
