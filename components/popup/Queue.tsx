import { useLiveQuery } from 'dexie-react-hooks';
import { type ReactNode, useId, useMemo, useRef, useState } from 'react';
import type { Repositories } from '../../lib/db';
import { type QueueView, readDayPlan } from '../../lib/queue/read-plan';
import { createFormatter, type FormatOptions } from '../sidebar/format';
import { FirstTouchItem, NextStepItem, RevisitItem, VerdictItem } from './PlanRows';

export interface QueueProps extends FormatOptions {
  repos: Repositories;
  now: () => number;
  /** How many rows each list shows; the counts always cover them all. */
  limit?: number;
  /** Opens the dashboard, where the rows past `limit` are; "and N more" is plain text without it. */
  onOpenDashboard?: () => void;
}

/**
 * The day's plan, live: MQLs waiting for a first touch (the most urgent SLA deadline first,
 * with score, intent and time left), next steps due today or overdue, touched MQLs waiting
 * for a verdict, and revisits due. Each list has its count in its heading and shows the
 * first few. Each lead is a link to its LinkedIn profile (or a search): the sidebar takes
 * over from there.
 */
export function Queue({ repos, now, limit = 5, onOpenDashboard, locale, timeZone }: QueueProps) {
  const format = useMemo(() => createFormatter({ locale, timeZone }), [locale, timeZone]);
  const [view, setView] = useState<QueueView | undefined>(readStoredView);
  const read = useLiveQuery(() => readDayPlan(repos, now(), limit, view), [repos, now, limit, view]);
  // A new view is read afresh: the lists stay on screen meanwhile (no flash, the radios keep focus).
  const last = useRef(read);
  if (read !== undefined) last.current = read;
  const plan = read ?? last.current;
  if (plan === undefined) return <p aria-busy="true">Loading today’s plan…</p>;
  const at = now();
  const { firstTouch, nextSteps, verdicts, revisits } = plan;
  const more = (total: number, shown: number) => <More shown={shown} total={total} onOpen={onOpenDashboard} />;
  const claim = { repos, me: plan.me };
  const choose = (next: QueueView) => {
    setView(next);
    storeView(next);
  };

  return (
    <div className="plan">
      <ViewSwitch view={view === 'mine' && !plan.me ? plan.view : (view ?? plan.view)} me={plan.me} onChange={choose} />
      <PlanList
        title="First touch due"
        total={firstTouch.total}
        note={firstTouch.overdue > 0 ? `${firstTouch.overdue} overdue` : undefined}
        empty={
          plan.view === 'team'
            ? 'No MQL is waiting for a first touch.'
            : 'No lead in this view is waiting for a first touch.'
        }
        footer={more(firstTouch.total, firstTouch.rows.length)}
      >
        {firstTouch.rows.map((row) => (
          <FirstTouchItem key={row.lead.id} row={row} format={format} claim={claim} />
        ))}
      </PlanList>
      <PlanList
        title="Next steps due"
        total={nextSteps.total}
        note={nextSteps.overdue > 0 ? `${nextSteps.overdue} overdue` : undefined}
        empty="No next step is due today."
        footer={more(nextSteps.total, nextSteps.rows.length)}
      >
        {nextSteps.rows.map((step) => (
          <NextStepItem key={step.activityId} step={step} format={format} at={at} />
        ))}
      </PlanList>
      <PlanList
        title="Waiting for a verdict"
        total={verdicts.total}
        empty="No touched MQL is waiting for a verdict."
        footer={
          <>
            {more(verdicts.total, verdicts.rows.length)}
            {verdicts.awaiting > verdicts.total && (
              <p className="plan-note" data-testid="verdict-reconcile">
                {verdicts.awaiting} MQLs wait for a verdict in all; {verdicts.awaiting - verdicts.total} of them still
                need a first touch.
              </p>
            )}
          </>
        }
      >
        {verdicts.rows.map((entry) => (
          <VerdictItem key={entry.lead.id} entry={entry} format={format} claim={claim} />
        ))}
      </PlanList>
      {revisits.total > 0 && (
        <PlanList
          title="Revisits due"
          total={revisits.total}
          empty=""
          footer={more(revisits.total, revisits.rows.length)}
        >
          {revisits.rows.map((entry) => (
            <RevisitItem key={entry.lead.id} entry={entry} format={format} />
          ))}
        </PlanList>
      )}
    </div>
  );
}

const VIEW_KEY = 'handoff.queueView';
const VIEWS: readonly { view: QueueView; label: string }[] = [
  { view: 'mine', label: 'Mine' },
  { view: 'unassigned', label: 'Unassigned' },
  { view: 'team', label: 'Whole team' },
];

/** The view the rep last chose (this popup's own storage), or none: the default. */
function readStoredView(): QueueView | undefined {
  try {
    const stored = globalThis.localStorage?.getItem(VIEW_KEY);
    return VIEWS.find((v) => v.view === stored)?.view;
  } catch {
    return undefined;
  }
}

function storeView(view: QueueView): void {
  try {
    globalThis.localStorage?.setItem(VIEW_KEY, view);
  } catch {
    // Storage refused (a private window): the choice lasts as long as the popup.
  }
}

/**
 * Whose leads the lists hold: a group of radio buttons (arrow keys move between them). "Mine"
 * needs the rep's email from the options page; without it the choice says so.
 */
function ViewSwitch({
  view,
  me,
  onChange,
}: {
  view: QueueView;
  me: string | undefined;
  onChange: (view: QueueView) => void;
}) {
  const name = useId();
  return (
    <fieldset className="plan-views">
      <legend className="visually-hidden">Show</legend>
      {VIEWS.map((option) => (
        <label key={option.view} className="plan-view">
          <input
            type="radio"
            name={name}
            value={option.view}
            checked={view === option.view}
            disabled={option.view === 'mine' && !me}
            onChange={() => onChange(option.view)}
          />{' '}
          {option.label}
        </label>
      ))}
      {!me && <p className="plan-note">Add your email in the options (You and your company) to see your own leads.</p>}
    </fieldset>
  );
}

interface PlanListProps {
  title: string;
  total: number;
  /** A word after the count ("2 overdue"). */
  note?: string | undefined;
  empty: string;
  footer: ReactNode;
  children: ReactNode;
}

/** One section: a heading that names the list and counts it, the rows, and what is past them. */
function PlanList({ title, total, note, empty, footer, children }: PlanListProps) {
  const headingId = useId();
  return (
    <section className="plan-section" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {title} <span className="plan-count">{total.toLocaleString()}</span>
        {note && <span className="plan-count-note"> · {note}</span>}
      </h2>
      {total === 0 ? (
        <p className="plan-empty">{empty}</p>
      ) : (
        <ol className="plan-list" aria-labelledby={headingId}>
          {children}
        </ol>
      )}
      {footer}
    </section>
  );
}

function More({ shown, total, onOpen }: { shown: number; total: number; onOpen: (() => void) | undefined }) {
  if (total <= shown) return null;
  const text = `and ${(total - shown).toLocaleString()} more`;
  if (!onOpen) return <p className="plan-more">{text}</p>;
  return (
    <button type="button" className="plan-more link-button" onClick={onOpen}>
      {text}
      <span className="visually-hidden"> in the dashboard</span>
    </button>
  );
}
