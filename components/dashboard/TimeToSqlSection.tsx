import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import type { TimeToSqlBucket } from '../../lib/metrics';
import { AXIS_PROPS, CHART_COLORS, ChartFrame, chartProps, DashSection, TOOLTIP_PROPS } from './chart';
import { Count, useDashboard } from './figure';
import type { BaseFigures } from './figures';

/** "Up to 1 business day", "1 to 3", ..., "Over 10": each bucket from the one before it. */
export function bucketLabels(buckets: readonly TimeToSqlBucket[]): string[] {
  return buckets.map((b, i) => {
    const previous = i === 0 ? null : (buckets[i - 1]?.upToBusinessDays ?? null);
    if (b.upToBusinessDays === null) return `Over ${previous ?? 0} business days`;
    if (previous === null) return `Up to ${b.upToBusinessDays} business ${b.upToBusinessDays === 1 ? 'day' : 'days'}`;
    return `${previous} to ${b.upToBusinessDays} business days`;
  });
}

/**
 * How long accepted MQLs waited for their SQL verdict, in the team's business days; and beside
 * it, how long every SQL took from first capture (the lead's creation), nurture included.
 */
export function TimeToSqlSection({ timeToSql }: { timeToSql: BaseFigures['timeToSql'] }) {
  const { format, show } = useDashboard();
  const labels = bucketLabels(timeToSql.buckets);
  const data = timeToSql.buckets.map((b, i) => ({ name: labels[i], leads: b.leads.count }));

  return (
    <DashSection
      id="time-to-sql"
      title="Time to SQL"
      lede={
        <>
          From MQL to acceptance, for the{' '}
          <Count set={timeToSql.measured} figure="timeToSql.measured" title="Accepted MQLs (time to SQL measured)" />{' '}
          accepted MQLs. Best practice is a verdict within 1 to 3 business days.{' '}
          <Count set={timeToSql.direct} figure="timeToSql.direct" title="Direct-to-SQL leads (no MQL time)" />{' '}
          direct-to-SQL leads have no MQL time to measure from. From first capture, for all{' '}
          <Count
            set={timeToSql.fromCapture.measured}
            figure="timeToSql.capture.measured"
            title="SQLs (time from first capture measured)"
          />{' '}
          SQLs, direct ones included.
        </>
      }
    >
      <dl className="dash-stats">
        <div>
          <dt>Median from MQL</dt>
          <dd data-figure="timeToSql.business.median">{format.businessHours(timeToSql.business.medianMs)}</dd>
          <dd className="muted small" data-figure="timeToSql.elapsed.median">
            {format.elapsed(timeToSql.elapsed.medianMs)} elapsed
          </dd>
        </div>
        <div>
          <dt>90th percentile from MQL</dt>
          <dd data-figure="timeToSql.business.p90">{format.businessHours(timeToSql.business.p90Ms)}</dd>
          <dd className="muted small" data-figure="timeToSql.elapsed.p90">
            {format.elapsed(timeToSql.elapsed.p90Ms)} elapsed
          </dd>
        </div>
        <div>
          <dt>Median from first capture</dt>
          <dd data-figure="timeToSql.capture.elapsed.median">
            {format.elapsed(timeToSql.fromCapture.elapsed.medianMs)}
          </dd>
          <dd className="muted small" data-figure="timeToSql.capture.business.median">
            {format.businessHours(timeToSql.fromCapture.business.medianMs)}
          </dd>
        </div>
        <div>
          <dt>90th percentile from first capture</dt>
          <dd data-figure="timeToSql.capture.elapsed.p90">{format.elapsed(timeToSql.fromCapture.elapsed.p90Ms)}</dd>
          <dd className="muted small" data-figure="timeToSql.capture.business.p90">
            {format.businessHours(timeToSql.fromCapture.business.p90Ms)}
          </dd>
        </div>
      </dl>
      <div className="dash-body">
        <table className="dash-table" data-table="time-to-sql">
          <thead>
            <tr>
              <th scope="col">Wait (business time)</th>
              <th scope="col">SQLs</th>
            </tr>
          </thead>
          <tbody>
            {timeToSql.buckets.map((b, i) => (
              <tr key={labels[i]}>
                <th scope="row">{labels[i]}</th>
                <td>
                  <Count
                    set={b.leads}
                    figure={`timeToSql.bucket.${i}`}
                    title={`Accepted MQLs, time to SQL: ${labels[i]?.toLowerCase()}`}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <ChartFrame caption="Accepted MQLs by business days from MQL to SQL.">
          <BarChart {...chartProps('Time to SQL: accepted MQLs by wait')} data={data}>
            <CartesianGrid vertical={false} stroke={CHART_COLORS.grid} />
            <XAxis
              dataKey="name"
              {...AXIS_PROPS}
              tickFormatter={(name: string) => name.replace(' business days', 'd').replace(' business day', 'd')}
            />
            <YAxis allowDecimals={false} {...AXIS_PROPS} />
            <Tooltip {...TOOLTIP_PROPS} />
            <Bar
              dataKey="leads"
              name="SQLs"
              fill={CHART_COLORS.main}
              isAnimationActive={false}
              onClick={(_, index) => {
                const bucket = timeToSql.buckets[index];
                if (bucket && bucket.leads.count > 0) {
                  show({
                    title: `Accepted MQLs, time to SQL: ${labels[index]?.toLowerCase()}`,
                    ids: bucket.leads.leadIds,
                  });
                }
              }}
            />
          </BarChart>
        </ChartFrame>
      </div>
    </DashSection>
  );
}
