import { REJECTION_REASONS } from '../../lib/domain/reasons';
import { errorAt, fieldId } from './issues';
import type { SectionProps } from './section';

/**
 * The standardized rejection reasons: the code is fixed (sync, exports and marketing's
 * reports key on it), the label is the team's to rename. A blank label means the default.
 */
export function ReasonsSection({ draft, issues, update }: SectionProps) {
  return (
    <>
      <p className="muted small">
        Codes never change: reports and exports use them. Rename a label to your team's words; leave it blank for the
        default.
      </p>
      <table className="reasons">
        <thead>
          <tr>
            <th scope="col">Code</th>
            <th scope="col">Label</th>
            <th scope="col">Meaning</th>
          </tr>
        </thead>
        <tbody>
          {REJECTION_REASONS.map((reason) => {
            const path = `reasonLabels.${reason.code}`;
            const id = fieldId(path);
            const error = errorAt(issues, path);
            return (
              <tr key={reason.code}>
                <th scope="row">
                  <code>{reason.code}</code>
                </th>
                <td>
                  <label htmlFor={id} className="visually-hidden">
                    Label for {reason.code}
                  </label>
                  <input
                    id={id}
                    type="text"
                    maxLength={80}
                    autoComplete="off"
                    placeholder={reason.label}
                    value={draft.reasonLabels[reason.code] ?? ''}
                    aria-invalid={error !== undefined}
                    aria-describedby={error ? `${id}-error` : undefined}
                    onChange={(e) => {
                      const label = e.target.value;
                      update((d) => {
                        const reasonLabels = { ...d.reasonLabels };
                        // Blank is "use the default": no override stored, so a renamed default reaches the rep.
                        if (label.trim() === '') delete reasonLabels[reason.code];
                        else reasonLabels[reason.code] = label;
                        return { ...d, reasonLabels };
                      });
                    }}
                  />
                  {error && (
                    <p id={`${id}-error`} className="field-error">
                      {error}
                    </p>
                  )}
                </td>
                <td className="muted small">{reason.description}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
