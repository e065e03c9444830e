import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { ScoreBandAcceptance } from '../../lib/metrics';
import { formatPoints } from '../sidebar/format';
import {
  AXIS_PROPS,
  CHART_COLORS,
  CHART_SIZE,
  ChartFrame,
  chartProps,
  DashSection,
  shortLabel,
  TOOLTIP_PROPS,
} from './chart';
import { Rate, useDashboard } from './figure';
import type { BaseFigures } from './figures';
import { CATEGORY_LABELS } from './labels';

const PERCENT = 100;
const BAR_HEIGHT = 26;

/** "Below 20", "20 to 39", "80 and up": scores are whole points (each rule's points are rounded). */
export function bandLabel(band: Pick<ScoreBandAcceptance, 'min' | 'max'>): string {
  if (band.min === null) return band.max === null ? 'Any score' : `Below ${band.max}`;
  if (band.max === null) return `${band.min} and up`;
  return `${band.min} to ${band.max - 1}`;
}

/**
 * Does the model predict what sales accepts? Decided MQLs scored as the rep saw them (at
 * the decision), acceptance compared across score bands and, per rule, between the MQLs
 * where it fired and those where it did not.
 */
export function AcceptanceSection({ acceptance }: { acceptance: BaseFigures['acceptance'] }) {
  const { format, show } = useDashboard();
  const bands = acceptance.bands.map((b) => ({ band: b, name: bandLabel(b) }));
  const bandData = bands.map(({ band, name }) => ({
    name,
    rate: band.acceptance.rate === null ? null : band.acceptance.rate * PERCENT,
  }));
  const liftData = acceptance.rules.map((r) => ({ name: r.label, lift: r.lift === null ? null : r.lift * PERCENT }));
  const openRatio = (title: string, ratio: ScoreBandAcceptance['acceptance']) => {
    if (ratio.denominator.count > 0) {
      show({ title, ids: ratio.denominator.leadIds, counted: ratio.numerator.leadIds, countedLabel: 'accepted' });
    }
  };

  return (
    <DashSection
      id="acceptance"
      title="Acceptance by score"
      lede={
        <>
          Decided MQLs scored with the model in settings ({acceptance.modelId}, version{' '}
          {format.count(acceptance.modelVersion)}) on their engagement up to the decision. Sales accepted{' '}
          <Rate
            ratio={acceptance.overall}
            figure="acceptance.overall"
            title="Decided MQLs, accepted marked"
            countedLabel="accepted"
          />
          ; at or above the MQL threshold of {format.count(acceptance.threshold)}:{' '}
          <Rate
            ratio={acceptance.atOrAboveThreshold}
            figure="acceptance.aboveThreshold"
            title={`Decided MQLs scoring ${acceptance.threshold} or more`}
            countedLabel="accepted"
          />
          , below it:{' '}
          <Rate
            ratio={acceptance.belowThreshold}
            figure="acceptance.belowThreshold"
            title={`Decided MQLs scoring below ${acceptance.threshold}`}
            countedLabel="accepted"
          />
          .
        </>
      }
    >
      <h3>By score band</h3>
      <div className="dash-body">
        <table className="dash-table" data-table="score-bands">
          <thead>
            <tr>
              <th scope="col">Score</th>
              <th scope="col">Accepted</th>
            </tr>
          </thead>
          <tbody>
            {bands.map(({ band, name }, i) => (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td>
                  <Rate
                    ratio={band.acceptance}
                    figure={`acceptance.band.${i}`}
                    title={`Decided MQLs scoring ${name.toLowerCase()}`}
                    countedLabel="accepted"
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <ChartFrame caption="Share of decided MQLs sales accepted, by score at the decision. A model that predicts acceptance rises to the right.">
          <BarChart {...chartProps('Acceptance rate by score band')} data={bandData}>
            <CartesianGrid vertical={false} stroke={CHART_COLORS.grid} />
            <XAxis dataKey="name" {...AXIS_PROPS} />
            <YAxis unit="%" domain={[0, PERCENT]} {...AXIS_PROPS} />
            <Tooltip {...TOOLTIP_PROPS} formatter={(value) => [format.rate(Number(value) / PERCENT), 'Accepted']} />
            <Bar
              dataKey="rate"
              name="Accepted"
              fill={CHART_COLORS.main}
              isAnimationActive={false}
              onClick={(_, index) => {
                const entry = bands[index];
                if (entry) openRatio(`Decided MQLs scoring ${entry.name.toLowerCase()}`, entry.band.acceptance);
              }}
            />
          </BarChart>
        </ChartFrame>
      </div>

      <h3>By scoring rule</h3>
      <p className="muted small">
        Lift: acceptance where the rule fired minus where it did not. A rule worth its points lifts acceptance (a
        negative rule lowers it); near 0 it does not tell sales’ yes from no.
      </p>
      <div className="dash-body">
        <div className="dash-scroll">
          <table className="dash-table" data-table="rules">
            <thead>
              <tr>
                <th scope="col">Rule</th>
                <th scope="col">Kind</th>
                <th scope="col">Points</th>
                <th scope="col">Accepted when it fired</th>
                <th scope="col">When it did not</th>
                <th scope="col">Lift</th>
              </tr>
            </thead>
            <tbody>
              {acceptance.rules.map((r) => (
                <tr key={r.ruleId}>
                  <th scope="row">{r.label}</th>
                  <td>{CATEGORY_LABELS[r.category]}</td>
                  <td>{formatPoints(r.points)}</td>
                  <td>
                    <Rate
                      ratio={r.fired}
                      figure={`acceptance.rule.${r.ruleId}.fired`}
                      title={`Decided MQLs where “${r.label}” fired`}
                      countedLabel="accepted"
                    />
                  </td>
                  <td>
                    <Rate
                      ratio={r.notFired}
                      figure={`acceptance.rule.${r.ruleId}.notFired`}
                      title={`Decided MQLs where “${r.label}” did not fire`}
                      countedLabel="accepted"
                    />
                  </td>
                  <td data-figure={`acceptance.rule.${r.ruleId}.lift`}>{format.points(r.lift)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <ChartFrame caption="Lift of each rule in percentage points; a rule with no MQLs on one side has no bar.">
          <BarChart
            {...chartProps('Lift in acceptance by scoring rule')}
            height={Math.max(CHART_SIZE.height, 40 + liftData.length * BAR_HEIGHT)}
            data={liftData}
            layout="vertical"
          >
            <CartesianGrid horizontal={false} stroke={CHART_COLORS.grid} />
            <XAxis type="number" unit=" pp" {...AXIS_PROPS} />
            <YAxis type="category" dataKey="name" width={200} {...AXIS_PROPS} tickFormatter={shortLabel} />
            <ReferenceLine x={0} stroke={CHART_COLORS.axis} />
            <Tooltip {...TOOLTIP_PROPS} formatter={(value) => [format.points(Number(value) / PERCENT), 'Lift']} />
            <Bar
              dataKey="lift"
              name="Lift"
              isAnimationActive={false}
              onClick={(_, index) => {
                const rule = acceptance.rules[index];
                if (rule) openRatio(`Decided MQLs where “${rule.label}” fired`, rule.fired);
              }}
            >
              {acceptance.rules.map((r) => (
                <Cell key={r.ruleId} fill={(r.lift ?? 0) < 0 ? CHART_COLORS.alt : CHART_COLORS.main} />
              ))}
            </Bar>
          </BarChart>
        </ChartFrame>
      </div>
    </DashSection>
  );
}
