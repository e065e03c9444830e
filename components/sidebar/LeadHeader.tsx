import type { Lead } from '../../lib/domain/lead';
import { STAGE_LABELS } from './labels';
import { companyFacts } from './profile';

export interface LeadHeaderProps {
  lead: Lead;
}

/**
 * Who the lead is and where they stand: the name, the role, the company in one line (size,
 * industry, country), stage, owner and how to reach them. The rest of the profile (source,
 * campaign, marketing's score, CRM records) is a section below the actions (LeadProfile), so
 * the next action stays on the first screen. Every value is page or import data: text only.
 */
export function LeadHeader({ lead }: LeadHeaderProps) {
  const { person, company } = lead;
  const facts = companyFacts(company);
  return (
    <header className="lead-header">
      <h2>{person.name}</h2>
      {(person.title || company.name) && (
        <p className="lead-role">
          {person.title}
          {person.title && company.name ? ' at ' : ''}
          {company.name}
        </p>
      )}
      {facts.length > 0 && (
        <p className="lead-company" data-testid="company-facts">
          {facts.join(' · ')}
        </p>
      )}
      <dl className="facts">
        <div>
          <dt>Stage</dt>
          <dd>
            <span className={`badge badge-stage stage-${lead.stage}`}>{STAGE_LABELS[lead.stage]}</span>
          </dd>
        </div>
        <div>
          <dt>Owner</dt>
          <dd>{lead.owner ?? <span className="muted">Unassigned</span>}</dd>
        </div>
        {person.emails.length > 0 && (
          <div>
            <dt>{person.emails.length === 1 ? 'Email' : 'Emails'}</dt>
            <dd>{person.emails.join(', ')}</dd>
          </div>
        )}
        {person.linkedinUrl && (
          <div>
            <dt>LinkedIn</dt>
            {/* Safe as an href: LinkedinUrlSchema stores only https://www.linkedin.com/in/<encoded slug>/. */}
            <dd>
              <a href={person.linkedinUrl} target="_blank" rel="noopener noreferrer">
                {person.linkedinUrl.replace(/^https:\/\/www\./, '')}
              </a>
            </dd>
          </div>
        )}
      </dl>
    </header>
  );
}
