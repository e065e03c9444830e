import { type ReactNode, useId } from 'react';
import { type CrmRecord, crmRecords } from '../../lib/domain/crm';
import type { Lead } from '../../lib/domain/lead';
import { type MarketingScore, marketingSystemName } from '../../lib/domain/marketing-score';
import { useLive } from './data';
import { useFormat } from './format';

export interface LeadProfileProps {
  lead: Lead;
}

/**
 * The rest of who the lead is, below the header: where they came from (source, campaign),
 * what marketing's own tool scored them (each system's latest, with its date and model), when
 * they were first captured, and their records in the CRM, linked where the settings name the
 * HubSpot portal or the Salesforce instance (lib/domain/crm.ts). A value not known is left
 * out. Every value is import or sync data: text only, and links only to the CRM's own address.
 */
export function LeadProfile({ lead }: LeadProfileProps) {
  const headingId = useId();
  const format = useFormat();
  const settings = useLive(['settings'], (d) => d.settings());
  const scores = useLive(['marketingScores', lead.id], (d) => d.marketingScores(lead.id));
  const records = settings ? crmRecords(lead.crmIds, settings.crm) : [];

  return (
    <section className="card profile" aria-labelledby={headingId} aria-busy={!settings || !scores}>
      <h3 id={headingId}>Profile</h3>
      <dl className="facts">
        {lead.source && <Fact term="Source">{lead.source}</Fact>}
        {lead.campaign && <Fact term="Campaign">{lead.campaign}</Fact>}
        {scores && scores.length > 0 && (
          <Fact term="Marketing’s score">
            <ul className="plain-list" aria-label="Marketing’s scores">
              {scores.map((score) => (
                <li key={score.system} data-testid="marketing-score">
                  <ScoreLine score={score} date={format.date(score.scoredAt)} />
                </li>
              ))}
            </ul>
          </Fact>
        )}
        <Fact term="First captured">{format.date(lead.times.createdAt)}</Fact>
        {records.length > 0 && (
          <Fact term="CRM">
            <ul className="plain-list" aria-label="CRM records">
              {records.map((record) => (
                <li key={record.system}>
                  <RecordLink record={record} />
                </li>
              ))}
            </ul>
          </Fact>
        )}
      </dl>
    </section>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** "82 in HubSpot, 3 Dec 2026 (Lead score v2)": the figure first, as it is what the rep compares. */
function ScoreLine({ score, date }: { score: MarketingScore; date: string }) {
  return (
    <>
      <strong>{score.value.toLocaleString('en', { maximumFractionDigits: 2 })}</strong> in{' '}
      {marketingSystemName(score.system)}, {date}
      {score.model && <span className="muted"> ({score.model})</span>}
    </>
  );
}

/** What to ask for when a record lacks only a setting to be linked. */
const MISSING_SETTING: Record<NonNullable<CrmRecord['needs']>, string> = {
  hubspotPortalId: 'add your HubSpot portal id',
  salesforceInstanceUrl: 'add your Salesforce address',
};

function RecordLink({ record }: { record: CrmRecord }) {
  const text = `${record.label} ${record.id}`;
  // Safe as an href: crmRecords builds it from a portal id of digits or an https origin on
  // Salesforce's domains (checked by the settings schema) and an id of the system's shape.
  if (record.url) {
    return (
      <a href={record.url} target="_blank" rel="noopener noreferrer">
        {text}
      </a>
    );
  }
  const missing = record.needs && MISSING_SETTING[record.needs];
  // Our own options page, next to this one in the extension (a new tab: the rep's page stays).
  const options = missing && new URL('options.html#crm', document.baseURI).href;
  return (
    <>
      {text}
      {options && (
        <span className="muted small">
          {' '}
          (
          <a href={options} target="_blank" rel="noopener noreferrer">
            {missing}
          </a>{' '}
          to link it)
        </span>
      )}
    </>
  );
}
