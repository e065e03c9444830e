import { type ReactNode, useId } from 'react';
import type { Lead } from '../../lib/domain/lead';
import type { PageIdentity } from '../../lib/sites/types';
import { AddLeadForm, type AddLeadFormProps } from './AddLeadForm';
import { SearchBox } from './SearchBox';

export interface UnknownPersonProps {
  identity: PageIdentity;
  onCreated: AddLeadFormProps['onCreated'];
  search: (query: string) => Promise<readonly Lead[]>;
  /** The rep found the person among the leads by hand (another email, a name). */
  onFound: (lead: Lead) => void;
  /** Under the heading: who the rep already has at this person's company. */
  children?: ReactNode;
}

/**
 * Someone on the page who is not a lead, headed by the name the page gives (or the address):
 * what was recognised is the add form itself, pre-filled, each field saying how it was read.
 */
export function UnknownPerson({ identity, onCreated, search, onFound, children }: UnknownPersonProps) {
  const headingId = useId();
  return (
    <section className="unknown" aria-labelledby={headingId}>
      <h2 id={headingId}>{identity.name ?? identity.emails[0] ?? 'Someone on this page'}</h2>
      <p className="unknown-status">
        <span className="badge-status">Not a lead yet</span>{' '}
        <span className="muted small">
          Nobody in your leads matches {identity.emails.length > 0 ? 'these emails or this profile' : 'this profile'}.
        </span>
      </p>
      {children}
      <details className="already">
        <summary>Already a lead under another email or name? Search</summary>
        <SearchBox search={search} onSelect={onFound} />
      </details>
      <AddLeadForm identity={identity} onCreated={onCreated} />
    </section>
  );
}
