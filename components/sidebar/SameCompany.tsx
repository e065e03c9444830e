import { Fragment } from 'react';
import { emailDomain, isPersonalEmailDomain, normalizeDomain } from '../../lib/domain/identity';
import type { Lead } from '../../lib/domain/lead';
import { SAME_COMPANY_LIMIT } from '../../lib/messaging/protocol';
import { useLive } from './data';
import { STAGE_LABELS } from './labels';

/** How many names the line spells out before "and N more". */
const NAMED = 5;

/** A person's company domain: the one stored, else their first work email's (never a free-mail one). */
export function companyDomain(emails: readonly string[], stored?: string): string | undefined {
  if (stored) return normalizeDomain(stored);
  return emails.map(emailDomain).find((d): d is string => d !== undefined && !isPersonalEmailDomain(d));
}

export interface SameCompanyProps {
  domain: string | undefined;
  /** The leads already shown for this person (a duplicate too): they are not "others". */
  exclude?: readonly string[];
  /** Opens one of them, as a search result does. */
  onOpen: (lead: Lead) => void;
}

/**
 * "2 others at northwind-analytics.com: Dana Whitfield (SQL), Tom Becker (Lead)": who the rep
 * already has at this person's company, each name opening that lead. Nothing when there is nobody.
 */
export function SameCompany({ domain, exclude = [], onOpen }: SameCompanyProps) {
  const leads = useLive(['leadsAtDomain', domain ?? null], (d) =>
    domain ? d.leadsAtDomain(domain) : Promise.resolve([]),
  );
  if (!domain || !leads) return null;
  const others = leads.filter((lead) => !exclude.includes(lead.id));
  if (others.length === 0) return null;
  // The query stops at its limit: there may be more.
  const count = `${others.length}${leads.length >= SAME_COMPANY_LIMIT ? '+' : ''}`;
  const named = others.slice(0, NAMED);
  return (
    <p className="same-company">
      {count} {others.length === 1 ? 'other' : 'others'} at {domain}:{' '}
      {named.map((lead, i) => (
        <Fragment key={lead.id}>
          {i > 0 && ', '}
          <button type="button" className="link same-company-lead" onClick={() => onOpen(lead)}>
            {lead.person.name}
          </button>{' '}
          ({STAGE_LABELS[lead.stage]})
        </Fragment>
      ))}
      {others.length > named.length && `, and ${others.length - named.length} more`}
    </p>
  );
}
