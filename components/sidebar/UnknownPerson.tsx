import { useId } from 'react';
import type { Lead } from '../../lib/domain/lead';
import { readFrom } from '../../lib/sidebar/correction';
import type { PageIdentity, ReadField } from '../../lib/sites/types';
import { AddLeadForm, type AddLeadFormProps } from './AddLeadForm';
import { SearchBox } from './SearchBox';

export interface UnknownPersonProps {
  identity: PageIdentity;
  onCreated: AddLeadFormProps['onCreated'];
  search: (query: string) => Promise<readonly Lead[]>;
  /** The rep found the person among the leads by hand (another email, a name). */
  onFound: (lead: Lead) => void;
}

/** Someone on the page who is not a lead: what was recognised, and the rep's way to add them. */
export function UnknownPerson({ identity, onCreated, search, onFound }: UnknownPersonProps) {
  const headingId = useId();
  // Each with how it was read (a tooltip): the rep can tell a layout reading from a title's guess.
  const facts: [string, string | undefined, ReadField][] = [
    ['Name', identity.name, 'name'],
    [identity.emails.length > 1 ? 'Emails' : 'Email', identity.emails.join(', ') || undefined, 'emails'],
    ['LinkedIn', identity.linkedinUrl, 'linkedinUrl'],
    ['Title', identity.title, 'title'],
    ['Company', identity.company, 'company'],
    ['Location', identity.location, 'location'],
  ];
  return (
    <section className="unknown" aria-labelledby={headingId}>
      <h2 id={headingId}>Not a lead yet</h2>
      <p>
        Nobody in your leads matches {identity.emails.length > 0 ? 'these emails or this profile' : 'this profile'}.
      </p>
      <h3>Recognised on this page</h3>
      <dl className="facts">
        {facts
          .filter((fact): fact is [string, string, ReadField] => fact[1] !== undefined)
          .map(([label, value, field]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd title={readFrom(identity, field)}>{value}</dd>
            </div>
          ))}
      </dl>
      <details className="already">
        <summary>Already a lead under another email or name? Search</summary>
        <SearchBox search={search} onSelect={onFound} />
      </details>
      <AddLeadForm identity={identity} onCreated={onCreated} />
    </section>
  );
}
