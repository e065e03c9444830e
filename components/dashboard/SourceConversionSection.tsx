import { useState } from 'react';
import type { ConversionByGroup, ConversionGroup } from '../../lib/metrics';
import { DashSection } from './chart';
import { Count, Rate } from './figure';

type By = 'source' | 'campaign';

/**
 * MQL -> SQL -> opportunity -> won per source or per campaign: which channels bring MQLs sales
 * accepts, and SQLs that become customers. Every count and rate opens its leads; the rows add
 * up to the funnel above (the same leads, the same rules).
 */
export function SourceConversionSection({ sources }: { sources: ConversionByGroup }) {
  const [by, setBy] = useState<By>('source');
  const groups = by === 'source' ? sources.bySource : sources.byCampaign;
  const nameOf = (g: ConversionGroup) => g.key ?? (by === 'source' ? 'No source' : 'No campaign');

  return (
    <DashSection
      id="sources"
      title="Conversion by source and campaign"
      lede={
        <>
          Each {by}’s MQLs, the SQLs sales accepted (direct ones included, never in the MQL rate), the opportunities and
          wins reps recorded after SQL, and the deals lost. SQL to won is the playbook’s SQL-to-close rate.
        </>
      }
    >
      <fieldset className="dash-toggle">
        <legend className="visually-hidden">Conversion by</legend>
        {(['source', 'campaign'] as const).map((b) => (
          <button key={b} type="button" className="secondary" aria-pressed={by === b} onClick={() => setBy(b)}>
            By {b}
          </button>
        ))}
      </fieldset>
      <div className="dash-scroll">
        <table className="dash-table" data-table={`sources-by-${by}`} aria-label={`Conversion by ${by}`}>
          <thead>
            <tr>
              <th scope="col">{by === 'source' ? 'Source' : 'Campaign'}</th>
              <th scope="col">MQLs</th>
              <th scope="col">SQLs</th>
              <th scope="col">Opportunities</th>
              <th scope="col">Won</th>
              <th scope="col">Lost</th>
              <th scope="col">MQL to SQL</th>
              <th scope="col">SQL to opportunity</th>
              <th scope="col">SQL to won</th>
            </tr>
          </thead>
          <tbody>
            {groups.length === 0 && (
              <tr>
                <td colSpan={9} className="muted">
                  No leads in the funnel in this selection.
                </td>
              </tr>
            )}
            {groups.map((g) => {
              const name = nameOf(g);
              const figure = `sources.${by}.${g.key ?? 'none'}`;
              return (
                <tr key={g.key ?? ''} data-group={g.key ?? ''}>
                  <th scope="row">{name}</th>
                  <td>
                    <Count set={g.mqls} figure={`${figure}.mqls`} title={`MQLs, ${name}`} />
                  </td>
                  <td>
                    <Count set={g.sqls} figure={`${figure}.sqls`} title={`SQLs, ${name}`} />
                  </td>
                  <td>
                    <Count set={g.opportunities} figure={`${figure}.opportunities`} title={`Opportunities, ${name}`} />
                  </td>
                  <td>
                    <Count set={g.customers} figure={`${figure}.won`} title={`SQLs won, ${name}`} />
                  </td>
                  <td>
                    <Count set={g.lost} figure={`${figure}.lost`} title={`SQLs lost, ${name}`} />
                  </td>
                  <td>
                    <Rate
                      ratio={g.mqlToSql}
                      figure={`${figure}.mqlToSql`}
                      title={`MQLs accepted as SQL, ${name}`}
                      countedLabel="accepted"
                    />
                  </td>
                  <td>
                    <Rate
                      ratio={g.sqlToOpportunity}
                      figure={`${figure}.sqlToOpportunity`}
                      title={`SQLs that became opportunities, ${name}`}
                      countedLabel="opportunity"
                    />
                  </td>
                  <td>
                    <Rate
                      ratio={g.sqlToCustomer}
                      figure={`${figure}.sqlToWon`}
                      title={`SQLs won, ${name}`}
                      countedLabel="won"
                    />
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
