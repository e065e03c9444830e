import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { CONVERSION_BANDS, conversionBand, type Funnel, type LeadSet } from '../../lib/metrics';
import { AXIS_PROPS, CHART_COLORS, ChartFrame, chartProps, DashSection, TOOLTIP_PROPS } from './chart';
import { Count, Rate, useDashboard } from './figure';
import { BAND_LABELS } from './labels';

interface Stage {
  name: string;
  /** Leads that came through marketing's MQLs (or, after SQL, every SQL). */
  main: LeadSet;
  /** Direct-to-SQL leads, stacked on the SQL bar and nowhere else. */
  direct: LeadSet | undefined;
}

/**
 * MQL -> SQL -> opportunity -> customer. Direct-to-SQL leads are drawn on top of the SQL
 * bar in their own colour and kept out of the MQL-to-SQL rate: they never were MQLs.
 */
export function FunnelSection({ funnel }: { funnel: Funnel }) {
  const { format, show } = useDashboard();
  const band = conversionBand(funnel.mqlToSql.rate, { mqls: funnel.mqls.count, pending: funnel.pending.count });
  const stages: Stage[] = [
    { name: 'MQLs', main: funnel.mqls, direct: undefined },
    { name: 'SQLs', main: funnel.accepted, direct: funnel.directSqls },
    { name: 'Opportunities', main: funnel.opportunities, direct: undefined },
    { name: 'Customers', main: funnel.customers, direct: undefined },
  ];
  const data = stages.map((s) => ({ name: s.name, main: s.main.count, direct: s.direct?.count ?? 0 }));
  const pct = (n: number) => format.rate(n);

  return (
    <DashSection
      id="funnel"
      title="Funnel"
      lede={
        <>
          MQL-to-SQL conversion{' '}
          <Rate ratio={funnel.mqlToSql} figure="funnel.mqlToSql" title="MQLs accepted as SQL" countedLabel="accepted" />{' '}
          <span className={`badge band-${band}`}>{BAND_LABELS[band]}</span>{' '}
          <span className="muted">
            (healthy: {pct(CONVERSION_BANDS.healthyFrom)} to {pct(CONVERSION_BANDS.healthyTo)}). Direct-to-SQL leads are
            counted apart. After SQL, the opportunities, wins and losses reps record on accepted leads.
          </span>
        </>
      }
    >
      <div className="dash-body">
        <table className="dash-table" data-table="funnel">
          <thead>
            <tr>
              <th scope="col">Stage</th>
              <th scope="col">Leads</th>
              <th scope="col">Conversion</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">MQLs</th>
              <td>
                <Count set={funnel.mqls} figure="funnel.mqls" title="MQLs" />
              </td>
              <td />
            </tr>
            <tr className="sub">
              <th scope="row">Waiting for a verdict</th>
              <td>
                <Count set={funnel.pending} figure="funnel.pending" title="MQLs waiting for a verdict" />
              </td>
              <td />
            </tr>
            <tr className="sub">
              <th scope="row">Rejected</th>
              <td>
                <Count set={funnel.rejected} figure="funnel.rejected" title="MQLs rejected" />
              </td>
              <td />
            </tr>
            <tr>
              <th scope="row">SQLs from MQLs</th>
              <td>
                <Count set={funnel.accepted} figure="funnel.accepted" title="MQLs accepted as SQL" />
              </td>
              <td>
                <Rate
                  ratio={funnel.mqlToSql}
                  figure="funnel.mqlToSql.table"
                  title="MQLs accepted as SQL"
                  countedLabel="accepted"
                />{' '}
                <span className="muted">of MQLs</span>
              </td>
            </tr>
            <tr>
              <th scope="row">Direct to SQL (never an MQL)</th>
              <td>
                <Count set={funnel.directSqls} figure="funnel.directSqls" title="Direct-to-SQL leads" />
              </td>
              <td className="muted">not in the MQL rate</td>
            </tr>
            <tr>
              <th scope="row">All SQLs</th>
              <td>
                <Count set={funnel.sqls} figure="funnel.sqls" title="All SQLs" />
              </td>
              <td />
            </tr>
            <tr>
              <th scope="row">Opportunities</th>
              <td>
                <Count set={funnel.opportunities} figure="funnel.opportunities" title="Opportunities" />
              </td>
              <td>
                <Rate
                  ratio={funnel.sqlToOpportunity}
                  figure="funnel.sqlToOpportunity"
                  title="SQLs that became opportunities"
                  countedLabel="opportunity"
                />{' '}
                <span className="muted">of SQLs</span>
              </td>
            </tr>
            <tr>
              <th scope="row">Won (customers)</th>
              <td>
                <Count set={funnel.customers} figure="funnel.customers" title="SQLs won" />
              </td>
              <td>
                <Rate
                  ratio={funnel.sqlToCustomer}
                  figure="funnel.sqlToCustomer"
                  title="SQL to close: SQLs won"
                  countedLabel="won"
                />{' '}
                <span className="muted">of SQLs</span>
                <div>
                  <Rate
                    ratio={funnel.opportunityToCustomer}
                    figure="funnel.opportunityToCustomer"
                    title="Opportunities that became customers"
                    countedLabel="customer"
                  />{' '}
                  <span className="muted">of opportunities</span>
                </div>
              </td>
            </tr>
            <tr className="sub">
              <th scope="row">Lost</th>
              <td>
                <Count set={funnel.lost} figure="funnel.lost" title="SQLs lost (back to nurture)" />
              </td>
              <td className="muted">back to nurture, with a reason</td>
            </tr>
            <tr className="sub">
              <th scope="row">Direct prospects rejected</th>
              <td>
                <Count set={funnel.directRejected} figure="funnel.directRejected" title="Direct prospects rejected" />
              </td>
              <td />
            </tr>
          </tbody>
        </table>
        <ChartFrame caption="Leads at each stage. The SQL bar stacks the direct-to-SQL leads on the MQLs sales accepted; opportunities and customers come from all SQLs.">
          <BarChart {...chartProps('Funnel: leads by stage')} data={data}>
            <CartesianGrid vertical={false} stroke={CHART_COLORS.grid} />
            <XAxis dataKey="name" {...AXIS_PROPS} />
            <YAxis allowDecimals={false} {...AXIS_PROPS} />
            <Tooltip {...TOOLTIP_PROPS} />
            <Legend />
            <Bar
              dataKey="main"
              name="Leads"
              stackId="stage"
              fill={CHART_COLORS.main}
              isAnimationActive={false}
              onClick={(_, index) => {
                const stage = stages[index];
                if (stage && stage.main.count > 0)
                  show({ title: stage.name === 'SQLs' ? 'MQLs accepted as SQL' : stage.name, ids: stage.main.leadIds });
              }}
            />
            <Bar
              dataKey="direct"
              name="Direct to SQL"
              stackId="stage"
              fill={CHART_COLORS.alt}
              isAnimationActive={false}
              onClick={(_, index) => {
                const direct = stages[index]?.direct;
                if (direct && direct.count > 0) show({ title: 'Direct-to-SQL leads', ids: direct.leadIds });
              }}
            />
          </BarChart>
        </ChartFrame>
      </div>
    </DashSection>
  );
}
