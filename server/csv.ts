import Papa from 'papaparse';
import type { DispositionRow } from '../lib/replication/contract';

/**
 * Cells a spreadsheet would run as a formula: = + - @, tab and carriage return (OWASP's
 * list), plus their full-width forms, which some spreadsheet apps also accept. PapaParse's
 * own default pattern ends in `.*$` and so misses a formula followed by a line break.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

const iso = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString());

/** The columns marketing gets, in order. New ones go last: a sheet that reads columns by position keeps working. */
export const DISPOSITION_CSV_COLUMNS = [
  'decided_at',
  'decision',
  'reason_code',
  'reason_label',
  'outcome',
  'revisit_at',
  'note',
  'decided_by',
  'route',
  'current',
  'withdrawn',
  'conflict',
  'lead_name',
  'lead_email',
  'company',
  'company_domain',
  'source',
  'campaign',
  'lead_stage',
  'disposition_id',
  'lead_id',
  'withdraws',
  'handoff_ae_name',
  'handoff_ae_email',
  'handoff_meeting_at',
  'note_to_sales',
  'occurred_at',
  'lost_reason_code',
  'lost_reason_label',
] as const;

/**
 * Dispositions as CSV (RFC 4180 quoting by PapaParse, CRLF lines, UTF-8 with a BOM so
 * Excel reads accents). Scraped names and typed notes are untrusted: a cell that would start
 * a formula is prefixed with `'`, so opening the file runs nothing.
 */
export function dispositionsCsv(rows: readonly DispositionRow[]): string {
  const data = rows.map((r) => [
    iso(r.decidedAt),
    r.decision,
    r.reasonCode ?? '',
    r.reasonLabel ?? '',
    r.outcome ?? '',
    iso(r.revisitAt),
    r.note,
    r.decidedBy,
    r.route,
    r.current,
    r.withdrawn,
    r.conflict,
    r.lead.name ?? '',
    r.lead.email ?? '',
    r.lead.company ?? '',
    r.lead.companyDomain ?? '',
    r.lead.source ?? '',
    r.lead.campaign ?? '',
    r.lead.stage ?? '',
    r.id,
    r.leadId,
    r.withdraws ?? '',
    r.handoff?.aeName ?? '',
    r.handoff?.aeEmail ?? '',
    iso(r.handoff?.meetingAt ?? null),
    r.handoff?.note ?? '',
    iso(r.occurredAt),
    r.lostReasonCode ?? '',
    r.lostReasonLabel ?? '',
  ]);
  const csv = Papa.unparse(
    { fields: [...DISPOSITION_CSV_COLUMNS], data },
    { escapeFormulae: FORMULA_START, newline: '\r\n', quotes: false },
  );
  return `\uFEFF${csv}\r\n`;
}
