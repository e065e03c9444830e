import { Bar, BarChart, CartesianGrid, Cell, ReferenceArea, Tooltip, XAxis, YAxis } from 'recharts';
import { CONVERSION_BANDS, type ConversionBand, type ConversionPeriod, type PeriodUnit } from '../../lib/metrics';
import { AXIS_PROPS, CHART_COLORS, ChartFrame, chartProps, DashSection, TOOLTIP_PROPS } from './chart';
import { Count, Rate, useDashboard } from './figure';
import { BAND_LABELS } from './labels';

const BAND_COLORS: Record<ConversionBand, string> = {
  no_data: CHART_COLORS.neutral,
  too_few: CHART_COLORS.neutral,
  undecided: CHART_COLORS.neutral,
  loose: CHART_COLORS.bad,
  below_healthy: CHART_COLORS.warn,
  healthy: CHART_COLORS.ok,
  above_healthy: CHART_COLORS.warn,
  strict: CHART_COLORS.bad,
};

const PERCENT = 100;

/**
 * MQL-to-SQL conversion per week or month against the healthy band. Each MQL counts in the
 * period it arrived, with its verdict as it stands now, so recent periods still have MQLs
 * waiting: the table says how many.
 */
export function ConversionSection({
  periods,
  unit,
  onUnit,
}: {
  periods: readonly ConversionPeriod[];
  unit: PeriodUnit;
  onUnit: (unit: PeriodUnit) => void;
}) {
  const { format, show } = useDashboard();
  const data = periods.map((p) => ({
    name: format.periodShort(p.start, unit),
    rate: p.conversion.rate === null ? null : p.conversion.rate * PERCENT,
  }));
  const healthy = `${format.rate(CONVERSION_BANDS.healthyFrom)} to ${format.rate(CONVERSION_BANDS.healthyTo)}`;

  return (
    <DashSection
      id="conversion"
      title="MQL-to-SQL conversion over time"
      lede={
        <>
          Share of each {unit}’s MQLs that sales accepted, against the healthy band ({healthy}). Under{' '}
          {format.rate(CONVERSION_BANDS.loose)} says the MQL criteria let too much through; over{' '}
          {format.rate(CONVERSION_BANDS.strict)}, that they hold back leads sales would take.
        </>
      }
    >
      <fieldset className="dash-toggle">
        <legend className="visually-hidden">Group conversion by</legend>
        {(['week', 'month'] as const).map((u) => (
          <button key={u} type="button" className="secondary" aria-pressed={unit === u} onClick={() => onUnit(u)}>
            {u === 'week' ? 'Weekly' : 'Monthly'}
          </button>
        ))}
      </fieldset>
      <div className="dash-body">
        <div className="dash-scroll">
          <table className="dash-table" data-table="conversion">
            <thead>
              <tr>
                <th scope="col">{unit === 'week' ? 'Week' : 'Month'}</th>
                <th scope="col">MQLs</th>
                <th scope="col">Accepted</th>
                <th scope="col">Rejected</th>
                <th scope="col">Waiting</th>
                <th scope="col">Conversion</th>
                <th scope="col">Reading</th>
                <th scope="col">Direct SQLs</th>
              </tr>
            </thead>
            <tbody>
              {periods.length === 0 && (
                <tr>
                  <td colSpan={8} className="muted">
                    No MQLs in this selection.
                  </td>
                </tr>
              )}
              {periods.map((p) => {
                const name = format.period(p.start, unit);
                return (
                  <tr key={p.label} data-period={p.label}>
                    <th scope="row">{name}</th>
                    <td>
                      <Count set={p.mqls} figure={`conversion.${p.label}.mqls`} title={`MQLs, ${name}`} />
                    </td>
                    <td>
                      <Count
                        set={p.accepted}
                        figure={`conversion.${p.label}.accepted`}
                        title={`MQLs accepted as SQL, ${name}`}
                      />
                    </td>
                    <td>
                      <Count
                        set={p.rejected}
                        figure={`conversion.${p.label}.rejected`}
                        title={`MQLs rejected, ${name}`}
                      />
                    </td>
                    <td>
                      <Count
                        set={p.pending}
                        figure={`conversion.${p.label}.pending`}
                        title={`MQLs waiting for a verdict, ${name}`}
                      />
                    </td>
                    <td>
                      <Rate
                        ratio={p.conversion}
                        figure={`conversion.${p.label}.rate`}
                        title={`Conversion, ${name}`}
                        countedLabel="accepted"
                      />
                    </td>
                    <td>
                      <span className={`badge band-${p.band}`}>{BAND_LABELS[p.band]}</span>
                    </td>
                    <td>
                      <Count
                        set={p.directSqls}
                        figure={`conversion.${p.label}.directSqls`}
                        title={`Direct-to-SQL leads, ${name}`}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <ChartFrame
          caption={`Conversion per ${unit}; the shaded band is ${healthy}. A ${unit} without MQLs has no bar.`}
        >
          <BarChart {...chartProps(`MQL-to-SQL conversion per ${unit}`)} data={data}>
            <CartesianGrid vertical={false} stroke={CHART_COLORS.grid} />
            <ReferenceArea
              y1={CONVERSION_BANDS.healthyFrom * PERCENT}
              y2={CONVERSION_BANDS.healthyTo * PERCENT}
              fill={CHART_COLORS.band}
              fillOpacity={1}
              className="healthy-band"
              label={{ value: 'healthy', position: 'insideTopRight', fill: CHART_COLORS.axis, fontSize: 12 }}
            />
            <XAxis dataKey="name" {...AXIS_PROPS} interval="preserveStartEnd" />
            <YAxis
              unit="%"
              {...AXIS_PROPS}
              domain={[0, (max: number) => Math.min(PERCENT, Math.max(30, Math.ceil(max / 10) * 10))]}
            />
            <Tooltip {...TOOLTIP_PROPS} formatter={(value) => [format.rate(Number(value) / PERCENT), 'Conversion']} />
            <Bar
              dataKey="rate"
              name="Conversion"
              isAnimationActive={false}
              onClick={(_, index) => {
                const p = periods[index];
                if (p && p.mqls.count > 0) {
                  show({
                    title: `Conversion, ${format.period(p.start, unit)}`,
                    ids: p.conversion.denominator.leadIds,
                    counted: p.conversion.numerator.leadIds,
                    countedLabel: 'accepted',
                  });
                }
              }}
            >
              {periods.map((p) => (
                <Cell key={p.label} fill={BAND_COLORS[p.band]} className={`band-${p.band}`} />
              ))}
            </Bar>
          </BarChart>
        </ChartFrame>
      </div>
    </DashSection>
  );
}
