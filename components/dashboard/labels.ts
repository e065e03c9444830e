import type { Route } from '../../lib/domain/enums';
import { lostReasonLabel } from '../../lib/domain/lost-reasons';
import { type RejectionReasonCode, reasonLabel } from '../../lib/domain/reasons';
import type { Settings } from '../../lib/domain/settings';
import type { ConversionBand } from '../../lib/metrics';
import type { RuleCategory } from '../../lib/scoring/score';
import type { DashboardFormat } from './format';
import type { LeadRow } from './figures';

/** How a conversion rate reads against the usual bands (DESIGN.md §2). */
export const BAND_LABELS: Record<ConversionBand, string> = {
  no_data: 'no data',
  too_few: 'too few to judge',
  undecided: 'mostly undecided',
  loose: 'too low',
  below_healthy: 'below band',
  healthy: 'healthy',
  above_healthy: 'above band',
  strict: 'too high',
};

export const ROUTE_LABELS: Record<Route, string> = {
  mql_handoff: 'MQL handoff',
  direct_inbound: 'direct, inbound',
  direct_outbound: 'direct, outbound',
};

export const CATEGORY_LABELS: Record<RuleCategory, string> = {
  fit: 'Fit',
  behavior: 'Behaviour',
  negative: 'Negative',
};

/** A reason as the team names it; `null` is a rejection imported from a CRM stage. */
export function reasonText(reason: RejectionReasonCode | null, labels: Settings['reasonLabels']): string {
  return reason === null ? 'Not recorded (imported)' : reasonLabel(reason, labels);
}

/** Sales' verdict in force on a lead, in words: what the panel's "Decision" column says. */
export function verdictText(row: LeadRow, labels: Settings['reasonLabels'], format: DashboardFormat): string {
  const when = row.decidedAt === undefined ? '' : `, ${format.date(row.decidedAt)}`;
  switch (row.verdict) {
    case undefined:
      return 'Not in the funnel';
    case 'pending':
      return 'Waiting for a verdict';
    case 'accepted':
      if (row.verdictFrom === 'stage')
        return `Accepted (imported stage, no decision recorded)${when}${dealText(row, format)}`;
      return `Accepted as SQL${row.route && row.route !== 'mql_handoff' ? ` (${ROUTE_LABELS[row.route]})` : ''}${when}${dealText(row, format)}`;
    case 'rejected': {
      const reason = reasonText(row.reason ?? null, labels);
      const outcome =
        row.outcome === 'recycled'
          ? `recycled${row.revisitAt === undefined ? '' : `, revisit ${format.date(row.revisitAt)}`}`
          : row.outcome === 'disqualified'
            ? 'disqualified'
            : '';
      return `Rejected: ${reason}${outcome ? ` (${outcome})` : ''}${when}`;
    }
  }
}

/** What became of an accepted lead, after its verdict: "; won 3 Dec 2026", "; lost: Price, 9 Dec 2026". */
export function dealText(row: Pick<LeadRow, 'deal'>, format: DashboardFormat): string {
  const deal = row.deal;
  if (!deal) return '';
  if (deal.wonAt !== undefined) return `; won ${format.date(deal.wonAt)}`;
  if (deal.lostAt !== undefined) {
    const reason = deal.lostReason ? `: ${lostReasonLabel(deal.lostReason)}` : '';
    return `; lost${reason}, ${format.date(deal.lostAt)}`;
  }
  if (deal.opportunityAt !== undefined) return `; opportunity since ${format.date(deal.opportunityAt)}`;
  return '';
}
