import { type ReactNode, useEffect, useId } from 'react';
import { flushSync } from 'react-dom';
import type { Lead } from '../../lib/domain/lead';
import type { DecisionRecorded } from '../../lib/sidebar/data';
import { CallLog } from './CallLog';
import { Checklist } from './Checklist';
import { Decision } from './Decision';
import { useLive, useSidebarData } from './data';
import { LeadHeader } from './LeadHeader';
import { ScoreCard } from './ScoreCard';
import { SlaClock } from './SlaClock';
import { SHORTCUTS, shortcutId, useShortcuts } from './shortcuts';
import { Timeline } from './Timeline';
import { defaultOpen, type LeadSection, useSectionOpen, useUiStore } from './ui-store';
import { useNow } from './useNow';

export interface LeadViewProps {
  lead: Lead;
  now: () => number;
  /** A decision made as the lead was added (direct to SQL): still offered for undo. */
  justDecided?: DecisionRecorded | undefined;
}

/**
 * A known lead: who, the SLA clock, the score with its explanation, then the work: the
 * checklist with the SQL bar, the decision, the call log; the engagement last. The view is
 * long, so each section folds: open by the lead's stage, then as the rep left it (ui-store).
 */
export function LeadView({ lead, now, justDecided }: LeadViewProps) {
  const time = useNow(now);
  const data = useSidebarData();
  const settings = useLive(['settings'], (d) => d.settings());
  const leadEvents = useLive(['eventsFor', lead.id], (d) => d.eventsFor(lead.id));
  const scope = `lead-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  useOpenForShortcut(lead.stage);
  useShortcuts(scope);

  return (
    <article className="lead" aria-busy={settings === undefined || leadEvents === undefined}>
      <LeadHeader lead={lead} />
      {settings && <SlaClock lead={lead} settings={settings} now={time} />}
      <Fold stage={lead.stage} section="score" title="Score">
        {settings && leadEvents ? (
          <ScoreCard lead={lead} events={leadEvents} model={settings.scoringModel} now={time} />
        ) : (
          <p aria-busy="true">Scoring…</p>
        )}
      </Fold>
      <Fold stage={lead.stage} section="checklist" title="Qualification">
        <div id={shortcutId(scope, 'checklist')}>
          <Checklist lead={lead} now={now} />
        </div>
      </Fold>
      <Fold stage={lead.stage} section="decision" title="Decision">
        <Decision
          lead={lead}
          now={now}
          justDecided={justDecided}
          acceptId={shortcutId(scope, 'accept')}
          rejectId={shortcutId(scope, 'reject')}
          undoId={shortcutId(scope, 'undo')}
        />
      </Fold>
      <Fold stage={lead.stage} section="call-log" title="Call log">
        <div id={shortcutId(scope, 'call-log')}>
          <CallLog key={lead.id} lead={lead} now={now} />
        </div>
      </Fold>
      <Fold stage={lead.stage} section="timeline" title="Engagement">
        <Timeline key={lead.id} history={data.history} leadId={lead.id} />
      </Fold>
      <details className="shortcuts">
        <summary>Keyboard shortcuts</summary>
        <dl>
          <div>
            <dt>
              <kbd>Alt+Shift+H</kbd>
            </dt>
            <dd>Show or collapse the sidebar (anywhere on the page)</dd>
          </div>
          {SHORTCUTS.map((s) => (
            <div key={s.code}>
              <dt>
                <kbd>{s.keys}</kbd>
              </dt>
              <dd>{s.does}</dd>
            </div>
          ))}
        </dl>
      </details>
    </article>
  );
}

/** The section each Alt+letter shortcut acts in (shortcuts.ts), opened first so its target can be used. */
const SHORTCUT_SECTIONS: Record<string, LeadSection> = {
  KeyA: 'decision',
  KeyR: 'decision',
  KeyZ: 'decision',
  KeyC: 'checklist',
  KeyL: 'call-log',
};

/**
 * The next action stays one key away when its section is folded: in the capture phase,
 * before `useShortcuts` clicks or focuses the target, the section opens (synchronously,
 * so the target is visible and focusable by then) and stays open as the rep's choice.
 */
function useOpenForShortcut(stage: Lead['stage']) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      const section = SHORTCUT_SECTIONS[event.code];
      if (!section) return;
      const { folds, setOpen } = useUiStore.getState();
      if (folds[`${stage}.${section}`] ?? defaultOpen(stage, section)) return;
      flushSync(() => setOpen(stage, section, true));
    };
    document.addEventListener('keydown', onKey, { capture: true });
    return () => document.removeEventListener('keydown', onKey, { capture: true });
  }, [stage]);
}

interface FoldProps {
  stage: Lead['stage'];
  section: LeadSection;
  title: string;
  children: ReactNode;
}

/**
 * One foldable section: a button that shows or hides it (the ARIA disclosure pattern). Folded,
 * the bar is the section's heading; open, the card's own heading is (ScoreCard, Checklist...), so
 * heading navigation finds each section once, by one name, either way. The role, not the
 * element, changes, so the button keeps focus as it toggles.
 */
function Fold({ stage, section, title, children }: FoldProps) {
  const open = useSectionOpen(stage, section);
  const setOpen = useUiStore((s) => s.setOpen);
  const id = `fold-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const heading = open ? {} : ({ role: 'heading', 'aria-level': 3 } as const);
  return (
    <div className="fold" data-section={section}>
      <div className="fold-head" {...heading}>
        <button type="button" aria-expanded={open} aria-controls={id} onClick={() => setOpen(stage, section, !open)}>
          {title}
        </button>
      </div>
      <div id={id} hidden={!open}>
        {children}
      </div>
    </div>
  );
}
