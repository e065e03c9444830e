import type { LeadBundle, SnapshotRepository } from '../db/snapshot';
import type { Framework } from '../domain/enums';
import { FRAMEWORK_DEFINITIONS } from '../domain/frameworks';
import { lostReasonLabel } from '../domain/lost-reasons';
import { reasonLabel } from '../domain/reasons';
import { inferSeniority } from '../domain/seniority';
import type { Settings } from '../domain/settings';
import { type DealInForce, dealInForce, verdictInForce } from '../qualification/decide';
import { scoreLead } from '../scoring/score';
import { type CsvCell, csvLines, UTF8_BOM } from './csv';

export interface LeadsCsvOptions {
  /** Scoring model, framework and reason labels come from here. */
  settings: Settings;
  /** The moment the scores are taken at. */
  now: number;
  /** Criteria columns for these frameworks; the settings' framework when absent. */
  frameworks?: readonly Framework[];
  /** `;` for a European Excel. */
  delimiter?: ',' | ';';
  /** Start with a UTF-8 byte-order mark so Excel reads accents right (default true; CRMs accept it). */
  bom?: boolean;
  /** Leads read and written per step (default 1000). */
  pageSize?: number;
  signal?: AbortSignal;
  onProgress?: (progress: { leadsDone: number; leadsTotal: number }) => void;
}

const iso = (ms: number | undefined) => (ms === undefined ? '' : new Date(ms).toISOString());

/**
 * The columns of the leads CSV. Header names are ones the importer recognises
 * (lib/import/mapping.ts), so a file exported here and imported back finds the same leads.
 */
function columns(frameworks: readonly Framework[]): { header: string; value: (row: RowContext) => CsvCell }[] {
  return [
    { header: 'Handoff ID', value: ({ lead }) => lead.id },
    { header: 'Full Name', value: ({ lead }) => lead.person.name },
    { header: 'Email', value: ({ lead }) => lead.person.emails[0] ?? '' },
    { header: 'Additional Emails', value: ({ lead }) => lead.person.emails.slice(1).join('; ') },
    { header: 'LinkedIn URL', value: ({ lead }) => lead.person.linkedinUrl ?? '' },
    { header: 'Job Title', value: ({ lead }) => lead.person.title ?? '' },
    { header: 'Seniority', value: ({ lead }) => lead.person.seniority ?? inferSeniority(lead.person.title) ?? '' },
    { header: 'Phone', value: ({ lead }) => lead.person.phone ?? '' },
    { header: 'Location', value: ({ lead }) => lead.person.location ?? '' },
    { header: 'Company', value: ({ lead }) => lead.company.name ?? '' },
    { header: 'Company Domain', value: ({ lead }) => lead.company.domain ?? '' },
    { header: 'Employees', value: ({ lead }) => lead.company.employees ?? '' },
    { header: 'Industry', value: ({ lead }) => lead.company.industry ?? '' },
    { header: 'Country', value: ({ lead }) => lead.company.country ?? '' },
    { header: 'Lead Source', value: ({ lead }) => lead.source ?? '' },
    { header: 'Campaign', value: ({ lead }) => lead.campaign ?? '' },
    { header: 'Owner', value: ({ lead }) => lead.owner ?? '' },
    { header: 'Stage', value: ({ lead }) => lead.stage },
    { header: 'HubSpot ID', value: ({ lead }) => lead.crmIds.hubspot ?? '' },
    { header: 'Salesforce ID', value: ({ lead }) => lead.crmIds.salesforce ?? '' },
    { header: 'Marketo ID', value: ({ lead }) => lead.crmIds.marketo ?? '' },
    { header: 'Created At', value: ({ lead }) => iso(lead.times.createdAt) },
    { header: 'MQL At', value: ({ lead }) => iso(lead.times.mqlAt) },
    { header: 'First Touch At', value: ({ lead }) => iso(lead.times.firstTouchAt) },
    { header: 'SQL At', value: ({ lead }) => iso(lead.times.sqlAt) },
    { header: 'Opportunity At', value: ({ lead }) => iso(lead.times.opportunityAt) },
    { header: 'Customer At', value: ({ lead }) => iso(lead.times.customerAt) },
    { header: 'Recycled At', value: ({ lead }) => iso(lead.times.recycledAt) },
    { header: 'Disqualified At', value: ({ lead }) => iso(lead.times.disqualifiedAt) },
    { header: 'Revisit At', value: ({ lead }) => iso(lead.revisitAt) },
    { header: 'Score', value: ({ score }) => score },
    { header: 'Framework', value: ({ qualification }) => qualification?.framework.toUpperCase() ?? '' },
    ...frameworks.flatMap((framework) => {
      const definition = FRAMEWORK_DEFINITIONS[framework];
      return definition.criteria.map((criterion) => ({
        header: `${definition.label} ${criterion.label}`,
        // No checklist yet: nothing is known. A checklist in another framework: not this one's.
        value: ({ qualification }: RowContext) =>
          !qualification
            ? 'unknown'
            : qualification.framework === framework
              ? (qualification.criteria[criterion.key]?.status ?? 'unknown')
              : '',
      }));
    }),
    { header: 'Decision', value: ({ decision }) => decision?.decision ?? '' },
    { header: 'Decision Route', value: ({ decision }) => decision?.route ?? '' },
    { header: 'Rejection Reason Code', value: ({ decision }) => decision?.reason ?? '' },
    {
      header: 'Rejection Reason',
      value: ({ decision, labels }) => (decision?.reason ? reasonLabel(decision.reason, labels) : ''),
    },
    { header: 'Decision Note', value: ({ decision }) => decision?.note ?? '' },
    { header: 'Override Note', value: ({ decision }) => decision?.override?.note ?? '' },
    { header: 'Decision Outcome', value: ({ decision }) => decision?.outcome?.kind ?? '' },
    // The handoff of an acceptance: the AE is also the lead's Owner above, once chosen.
    { header: 'Handed To AE', value: ({ decision }) => decision?.handoff?.ae?.name ?? '' },
    { header: 'Handed To AE Email', value: ({ decision }) => decision?.handoff?.ae?.email ?? '' },
    { header: 'Handoff Meeting At', value: ({ decision }) => iso(decision?.handoff?.meetingAt) },
    { header: 'Note To Sales', value: ({ decision }) => decision?.handoff?.note ?? '' },
    { header: 'Decided By', value: ({ decision }) => decision?.decidedBy ?? '' },
    { header: 'Decided At', value: ({ decision }) => iso(decision?.decidedAt) },
    // After SQL: the deal's latest step in force (opportunity, won, lost), dated as the rep dated it.
    { header: 'Deal', value: ({ deal }) => dealStep(deal)?.decision ?? '' },
    { header: 'Deal Date', value: ({ deal }) => iso(dealStep(deal)?.occurredAt) },
    { header: 'Lost Reason Code', value: ({ deal }) => deal.close?.lostReason ?? '' },
    {
      header: 'Lost Reason',
      value: ({ deal }) => (deal.close?.lostReason ? lostReasonLabel(deal.close.lostReason) : ''),
    },
    { header: 'Updated At', value: ({ lead }) => iso(lead.updatedAt) },
  ];
}

interface RowContext {
  lead: LeadBundle['lead'];
  qualification: LeadBundle['qualification'];
  score: number;
  /** Sales' verdict in force: the acceptance (with its handoff) stays the decision when a deal moves on. */
  decision: ReturnType<typeof verdictInForce>;
  deal: DealInForce;
  labels: Settings['reasonLabels'];
}

/** The deal's latest step: its close, else its opportunity. */
const dealStep = (deal: DealInForce) => deal.close ?? deal.opportunity;

/** The header line's cells. */
export function leadsCsvHeader(options: Pick<LeadsCsvOptions, 'settings' | 'frameworks'>): string[] {
  return columns(options.frameworks ?? [options.settings.framework]).map((c) => c.header);
}

/**
 * One lead as a CSV row: identity, company, stage and every stage time, the score now
 * (scoreLead with the settings' model), the checklist's statuses, and the verdict in force
 * (withdrawals skipped; by sync's clock where known) with its reason label and note, and for
 * an acceptance its handoff (the AE, the meeting, the note to sales); then what became of an
 * SQL (opportunity, won, lost with its reason). Pure.
 */
export function leadCsvRow(
  bundle: LeadBundle,
  options: Pick<LeadsCsvOptions, 'settings' | 'now' | 'frameworks'>,
): CsvCell[] {
  const context: RowContext = {
    lead: bundle.lead,
    qualification: bundle.qualification,
    score: scoreLead(options.settings.scoringModel, { lead: bundle.lead, events: bundle.events, now: options.now })
      .total,
    decision: verdictInForce(bundle.dispositions, bundle.clocks),
    deal: dealInForce(bundle.dispositions, bundle.clocks),
    labels: options.settings.reasonLabels,
  };
  return columns(options.frameworks ?? [options.settings.framework]).map((column) => column.value(context));
}

/**
 * The leads CSV for a CRM, as text chunks: the header, then one chunk per page of leads
 * (read with their events, checklist and decisions in one go), so 100k leads never sit in
 * memory at once. Formula-like cells are prefixed with `'`. Abort with `signal` (throws its
 * reason between pages).
 */
export async function* leadsCsvChunks(snapshot: SnapshotRepository, options: LeadsCsvOptions): AsyncGenerator<string> {
  const delimiter = options.delimiter ?? ',';
  const pageSize = options.pageSize ?? 1000;
  const leadsTotal = (await snapshot.counts()).leads;
  yield (options.bom === false ? '' : UTF8_BOM) + csvLines([leadsCsvHeader(options)], delimiter);
  let after: string | undefined;
  let leadsDone = 0;
  for (;;) {
    options.signal?.throwIfAborted();
    const page = await snapshot.leadBundles(after, pageSize);
    if (page.length === 0) break;
    yield csvLines(
      page.map((bundle) => leadCsvRow(bundle, options)),
      delimiter,
    );
    leadsDone += page.length;
    after = page[page.length - 1]?.lead.id;
    options.onProgress?.({ leadsDone, leadsTotal });
    if (page.length < pageSize) break;
  }
}

/** The leads CSV as a file to download (`text/csv`), built from {@link leadsCsvChunks}. */
export async function leadsCsvBlob(snapshot: SnapshotRepository, options: LeadsCsvOptions): Promise<Blob> {
  const parts: string[] = [];
  for await (const chunk of leadsCsvChunks(snapshot, options)) parts.push(chunk);
  return new Blob(parts, { type: 'text/csv;charset=utf-8' });
}
