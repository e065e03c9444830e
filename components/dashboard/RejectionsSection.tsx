import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import type { RejectionGroup, Rejections } from '../../lib/metrics';
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
import { Count, Rate, useDashboard } from './figure';
import { reasonText } from './labels';

/** Reasons shown per source or campaign; the rest are in the panel a count opens. */
const TOP_REASONS = 3;
const BAR_HEIGHT = 26;

/**
 * Why sales sent leads back, the feedback marketing tunes its MQL criteria with: reasons by
 * count, then the same split by source or campaign.
 */
export function RejectionsSection({ rejections }: { rejections: Rejections }) {
  const { format, show, reasonLabels } = useDashboard();
  const [by, setBy] = useState<'source' | 'campaign'>('source');
  const names = rejections.reasons.map((r) => reasonText(r.reason, reasonLabels));
  const data = rejections.reasons.map((r, i) => ({ name: names[i], leads: r.leads.count }));
  const groups = by === 'source' ? rejections.bySource : rejections.byCampaign;
  const groupName = (g: RejectionGroup) => g.key ?? (by === 'source' ? 'No source' : 'No campaign');

  return (
    <DashSection
      id="rejections"
      title="Rejection reasons"
      lede={
        <>
          <Count set={rejections.rejected} figure="rejections.rejected" title="Rejected leads" /> rejected of{' '}
          <Count set={rejections.decided} figure="rejections.decided" title="Decided leads" /> decided (
          <Rate
            ratio={rejections.rejectionRate}
            figure="rejections.rate"
            title="Decided leads, rejections marked"
            countedLabel="rejected"
          />
          ), MQLs and direct prospects alike. Only decisions in force count: an undone or overturned rejection is not
          here.
        </>
      }
    >
      <div className="dash-body">
        <table className="dash-table" data-table="reasons">
          <thead>
            <tr>
              <th scope="col">Reason</th>
              <th scope="col">Rejected</th>
              <th scope="col">Recycled</th>
              <th scope="col">Disqualified</th>
            </tr>
          </thead>
          <tbody>
            {rejections.reasons.length === 0 && (
              <tr>
                <td colSpan={4} className="muted">
                  No rejections in this selection.
                </td>
              </tr>
            )}
            {rejections.reasons.map((r, i) => {
              const key = r.reason ?? 'not_recorded';
              const name = names[i] ?? key;
              return (
                <tr key={key}>
                  <th scope="row">{name}</th>
                  <td>
                    <Count set={r.leads} figure={`rejections.reason.${key}`} title={`Rejected: ${name}`} />
                  </td>
                  <td>
                    <Count set={r.recycled} figure={`rejections.reason.${key}.recycled`} title={`Recycled: ${name}`} />
                  </td>
                  <td>
                    <Count
                      set={r.disqualified}
                      figure={`rejections.reason.${key}.disqualified`}
                      title={`Disqualified: ${name}`}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <ChartFrame caption="Rejected leads by reason, most frequent first.">
          <BarChart
            {...chartProps('Rejections by reason')}
            height={Math.max(CHART_SIZE.height, 40 + data.length * BAR_HEIGHT)}
            data={data}
            layout="vertical"
          >
            <CartesianGrid horizontal={false} stroke={CHART_COLORS.grid} />
            <XAxis type="number" allowDecimals={false} {...AXIS_PROPS} />
            <YAxis type="category" dataKey="name" width={200} {...AXIS_PROPS} tickFormatter={shortLabel} />
            <Tooltip {...TOOLTIP_PROPS} />
            <Bar
              dataKey="leads"
              name="Rejected"
              fill={CHART_COLORS.bad}
              isAnimationActive={false}
              onClick={(_, index) => {
                const reason = rejections.reasons[index];
                if (reason) show({ title: `Rejected: ${names[index]}`, ids: reason.leads.leadIds });
              }}
            />
          </BarChart>
        </ChartFrame>
      </div>

      <h3 id="rejections-by">By {by}</h3>
      <fieldset className="dash-toggle">
        <legend className="visually-hidden">Break rejections down by</legend>
        {(['source', 'campaign'] as const).map((b) => (
          <button key={b} type="button" className="secondary" aria-pressed={by === b} onClick={() => setBy(b)}>
            By {b}
          </button>
        ))}
      </fieldset>
      <div className="dash-scroll">
        <table className="dash-table" data-table={`rejections-by-${by}`} aria-labelledby="rejections-by">
          <thead>
            <tr>
              <th scope="col">{by === 'source' ? 'Source' : 'Campaign'}</th>
              <th scope="col">Decided</th>
              <th scope="col">Rejected</th>
              <th scope="col">Rejection rate</th>
              <th scope="col">Top reasons</th>
            </tr>
          </thead>
          <tbody>
            {groups.length === 0 && (
              <tr>
                <td colSpan={5} className="muted">
                  No decided leads in this selection.
                </td>
              </tr>
            )}
            {groups.map((g) => {
              const name = groupName(g);
              const figure = `rejections.${by}.${g.key ?? 'none'}`;
              return (
                <tr key={g.key ?? 'none'}>
                  <th scope="row">{name}</th>
                  <td>
                    <Count set={g.decided} figure={`${figure}.decided`} title={`Decided leads, ${by} ${name}`} />
                  </td>
                  <td>
                    <Count set={g.rejected} figure={`${figure}.rejected`} title={`Rejected leads, ${by} ${name}`} />
                  </td>
                  <td>
                    <Rate
                      ratio={g.rejectionRate}
                      figure={`${figure}.rate`}
                      title={`Decided leads, ${by} ${name}, rejections marked`}
                      countedLabel="rejected"
                    />
                  </td>
                  <td>
                    <ul className="dash-inline-list">
                      {g.reasons.slice(0, TOP_REASONS).map((r) => {
                        const reason = reasonText(r.reason, reasonLabels);
                        return (
                          <li key={r.reason ?? 'not_recorded'}>
                            {reason}{' '}
                            <Count
                              set={r.leads}
                              figure={`${figure}.reason.${r.reason ?? 'not_recorded'}`}
                              title={`Rejected: ${reason}, ${by} ${name}`}
                            />
                          </li>
                        );
                      })}
                      {g.reasons.length > TOP_REASONS && (
                        <li className="muted">+{format.count(g.reasons.length - TOP_REASONS)} more</li>
                      )}
                    </ul>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </DashSection>
  );
}
