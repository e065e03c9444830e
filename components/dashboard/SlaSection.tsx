import { Bar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis } from 'recharts';
import type { LeadSet, SlaCompliance } from '../../lib/metrics';
import type { SlaTier } from '../../lib/sla/tiers';
import { AXIS_PROPS, CHART_COLORS, ChartFrame, chartProps, DashSection, TOOLTIP_PROPS } from './chart';
import { Count, Rate, useDashboard } from './figure';

interface Status {
  key: 'onTime' | 'late' | 'overdue' | 'running';
  name: string;
  meaning: string;
  color: string;
}

const STATUSES: readonly Status[] = [
  { key: 'onTime', name: 'On time', meaning: 'first touch within the allowance', color: CHART_COLORS.ok },
  { key: 'late', name: 'Late', meaning: 'touched after the deadline', color: CHART_COLORS.warn },
  { key: 'overdue', name: 'Overdue', meaning: 'untouched, past the deadline', color: CHART_COLORS.bad },
  {
    key: 'running',
    name: 'Running',
    meaning: 'untouched, deadline ahead (in no rate yet)',
    color: CHART_COLORS.neutral,
  },
];

/** First-touch SLA of the MQLs: the business-hours clock the sidebar shows, judged now. */
export function SlaSection({ sla }: { sla: SlaCompliance }) {
  const { format, show } = useDashboard();
  const sets: Record<Status['key'], LeadSet> = {
    onTime: sla.onTime,
    late: sla.late,
    overdue: sla.overdue,
    running: sla.running,
  };
  const data = STATUSES.map((s) => ({ name: s.name, leads: sets[s.key].count }));

  return (
    <DashSection
      id="sla"
      title="SLA compliance"
      lede={
        <>
          First touch within the tier's allowance (a high-intent request's hour, any other MQL's
          {` ${format.count(sla.businessHours)}`} business hours):{' '}
          <Rate ratio={sla.compliance} figure="sla.compliance" title="MQLs judged by the SLA" countedLabel="on time" />{' '}
          on time, of the MQLs touched or overdue.
        </>
      }
    >
      <dl className="dash-stats">
        <div>
          <dt>Median time to first touch</dt>
          <dd data-figure="sla.firstTouch.median">{format.businessHours(sla.timeToFirstTouch.medianMs)}</dd>
        </div>
        <div>
          <dt>90th percentile</dt>
          <dd data-figure="sla.firstTouch.p90">{format.businessHours(sla.timeToFirstTouch.p90Ms)}</dd>
        </div>
      </dl>
      <div className="dash-body">
        <table className="dash-table" data-table="sla">
          <thead>
            <tr>
              <th scope="col">Status</th>
              <th scope="col">MQLs</th>
              <th scope="col">Meaning</th>
            </tr>
          </thead>
          <tbody>
            {STATUSES.map((s) => (
              <tr key={s.key}>
                <th scope="row">{s.name}</th>
                <td>
                  <Count
                    set={sets[s.key]}
                    figure={`sla.${s.key}`}
                    title={`MQLs, first touch: ${s.name.toLowerCase()}`}
                  />
                </td>
                <td className="muted">{s.meaning}</td>
              </tr>
            ))}
            <tr className="sub">
              <th scope="row">Not measured</th>
              <td>
                <Count set={sla.unmeasured} figure="sla.unmeasured" title="MQLs the SLA clock cannot judge" />
              </td>
              <td className="muted">decided without a recorded touch, or no MQL time</td>
            </tr>
          </tbody>
        </table>
        <TierTable sla={sla} />
        <ChartFrame caption="MQLs by first-touch status.">
          <BarChart {...chartProps('SLA: MQLs by first-touch status')} data={data}>
            <CartesianGrid vertical={false} stroke={CHART_COLORS.grid} />
            <XAxis dataKey="name" {...AXIS_PROPS} />
            <YAxis allowDecimals={false} {...AXIS_PROPS} />
            <Tooltip {...TOOLTIP_PROPS} />
            <Bar
              dataKey="leads"
              name="MQLs"
              isAnimationActive={false}
              onClick={(_, index) => {
                const status = STATUSES[index];
                if (status && sets[status.key].count > 0) {
                  show({ title: `MQLs, first touch: ${status.name.toLowerCase()}`, ids: sets[status.key].leadIds });
                }
              }}
            >
              {STATUSES.map((s) => (
                <Cell key={s.key} fill={s.color} />
              ))}
            </Bar>
          </BarChart>
        </ChartFrame>
      </div>
    </DashSection>
  );
}

const TIERS: readonly { tier: SlaTier; name: string; rule: (hours: string) => string }[] = [
  {
    tier: 'high_intent',
    name: 'High intent',
    rule: (h) => `first touch within ${h} of a demo, pricing or contact request`,
  },
  { tier: 'standard', name: 'Other MQLs', rule: (h) => `first touch within ${h} of becoming an MQL` },
  { tier: 'verdict', name: 'Verdict', rule: (h) => `accepted or rejected within ${h} of the first touch` },
];

/** Each speed-to-lead tier: its rule, how many met it on time or late, missed it, or still run, and its rate. */
function TierTable({ sla }: { sla: SlaCompliance }) {
  const { format } = useDashboard();
  const buckets = ['onTime', 'late', 'overdue', 'running'] as const;
  return (
    <table className="dash-table" data-table="sla-tiers">
      <caption>By speed-to-lead tier</caption>
      <thead>
        <tr>
          <th scope="col">Tier</th>
          <th scope="col">On time</th>
          <th scope="col">Late</th>
          <th scope="col">Overdue</th>
          <th scope="col">Running</th>
          <th scope="col">Compliance</th>
        </tr>
      </thead>
      <tbody>
        {TIERS.map(({ tier, name, rule }) => {
          const figures = sla.tiers[tier];
          return (
            <tr key={tier}>
              <th scope="row">
                {name}
                <span className="muted small">
                  {' '}
                  (
                  {rule(
                    tier === 'verdict'
                      ? `${sla.verdictBusinessDays} business ${sla.verdictBusinessDays === 1 ? 'day' : 'days'}`
                      : format.businessHours(figures.businessHours * 3_600_000),
                  )}
                  )
                </span>
              </th>
              {buckets.map((bucket) => (
                <td key={bucket}>
                  <Count
                    set={figures[bucket]}
                    figure={`sla.tiers.${tier}.${bucket}`}
                    title={`${name}: ${bucket === 'onTime' ? 'on time' : bucket}`}
                  />
                </td>
              ))}
              <td>
                <Rate
                  ratio={figures.compliance}
                  figure={`sla.tiers.${tier}.compliance`}
                  title={`${name}: judged by the SLA`}
                  countedLabel="on time"
                />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
