import type { Recycling } from '../../lib/metrics';
import { DashSection } from './chart';
import { Count, Rate, useDashboard } from './figure';
import { reasonText } from './labels';

/** Of the decided leads, how many went back to nurture, why, and which are due for another look. */
export function RecyclingSection({ recycling }: { recycling: Recycling }) {
  const { reasonLabels } = useDashboard();
  return (
    <DashSection
      id="recycling"
      title="Recycling"
      lede="Rejected leads either go back to marketing's nurture with a date to revisit (recycled) or are closed for good (disqualified)."
    >
      <dl className="dash-stats">
        <div>
          <dt>Recycle rate</dt>
          <dd>
            <Rate
              ratio={recycling.recycleRate}
              figure="recycling.rate"
              title="Decided leads, recycled marked"
              countedLabel="recycled"
            />
          </dd>
        </div>
        <div>
          <dt>Disqualify rate</dt>
          <dd>
            <Rate
              ratio={recycling.disqualifyRate}
              figure="recycling.disqualifyRate"
              title="Decided leads, disqualified marked"
              countedLabel="disqualified"
            />
          </dd>
        </div>
        <div>
          <dt>Due for a revisit</dt>
          <dd>
            <Count set={recycling.dueForRevisit} figure="recycling.due" title="Recycled leads due for a revisit" />
          </dd>
          <dd className="muted small">recycled, revisit date passed</dd>
        </div>
      </dl>
      <table className="dash-table" data-table="recycled-reasons">
        <caption className="muted small">Why the recycled leads were rejected</caption>
        <thead>
          <tr>
            <th scope="col">Reason</th>
            <th scope="col">Recycled</th>
          </tr>
        </thead>
        <tbody>
          {recycling.reasons.length === 0 && (
            <tr>
              <td colSpan={2} className="muted">
                No recycled leads in this selection.
              </td>
            </tr>
          )}
          {recycling.reasons.map((r) => {
            const name = reasonText(r.reason, reasonLabels);
            return (
              <tr key={r.reason ?? 'not_recorded'}>
                <th scope="row">{name}</th>
                <td>
                  <Count
                    set={r.leads}
                    figure={`recycling.reason.${r.reason ?? 'not_recorded'}`}
                    title={`Recycled: ${name}`}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </DashSection>
  );
}
