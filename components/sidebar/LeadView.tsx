import { type ReactNode, useEffect, useId, useState } from 'react';
import { flushSync } from 'react-dom';
import type { Lead } from '../../lib/domain/lead';
import type { DecisionRecorded } from '../../lib/sidebar/data';
import { CallLog } from './CallLog';
import { Checklist } from './Checklist';
import { Decision } from './Decision';
import { useLive, useSidebarData } from './data';
import { LeadHeader } from './LeadHeader';
import { LeadProfile } from './LeadProfile';
import { strongestIntent } from '../../lib/queue/plan';
import { intentLabel } from './labels';
import { ScoreCard, ScoreSummary } from './ScoreCard';
import { SlaClock } from './SlaClock';
import { SHORTCUTS, shortcutId, useShortcuts } from './shortcuts';
import { Timeline } from './Timeline';
import { defaultOpen, type LeadSection, type Situation, situationOf, useSectionOpen, useUiStore } from './ui-store';
import { useNow } from './useNow';

export interface LeadViewProps {
  lead: Lead;
  now: () => number;
  /** A decision made as the lead was added (direct to SQL): still offered for undo. */
  justDecided?: DecisionRecorded | undefined;
}

/**
 * A known lead, on one screen for the next action: who (the header), why now (the SLA clock,
 * the strongest buying signal, the score as one figure that opens its explanation), and the
 * actions for this stage in a bar that stays in view as the rep scrolls (sticky), each with
 * its shortcut in a tooltip. Below, the work in sections that fold, opened by the lead's
 * situation (ui-store.ts), then as the rep left them: decision, checklist, call log, the
 * profile, the score's explanation, the engagement timeline.
 */
export function LeadView({ lead, now, justDecided }: LeadViewProps) {
  const time = useNow(now);
  const data = useSidebarData();
  const settings = useLive(['settings'], (d) => d.settings());
  const leadEvents = useLive(['eventsFor', lead.id], (d) => d.eventsFor(lead.id));
  const scope = `lead-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const situation = situationOf(lead);
  const [actionsSlot, setActionsSlot] = useState<HTMLElement | null>(null);
  const setOpen = useUiStore((s) => s.setOpen);
  const scoreOpen = useSectionOpen(situation, 'score');
  useOpenForShortcut(situation);
  useShortcuts(scope);

  /** Opens `section` (at once, so its content can take focus) and brings it into view. */
  function reveal(section: LeadSection, focusWithin?: string) {
    flushSync(() => setOpen(situation, section, true));
    const fold = document.querySelector<HTMLElement>(`[data-section="${section}"][data-scope="${scope}"]`);
    const target = focusWithin ? document.getElementById(focusWithin) : null;
    const field = target?.querySelector<HTMLElement>('input, select, textarea, button') ?? target;
    if (field) field.focus();
    fold?.scrollIntoView?.({ block: 'nearest' });
  }

  const scoring = settings && leadEvents ? { lead, events: leadEvents, model: settings.scoringModel, now: time } : null;
  const intent = leadEvents ? strongestIntent(leadEvents, time) : undefined;
  const touchFirst = situation === 'mql';

  return (
    <article className="lead" aria-busy={settings === undefined || leadEvents === undefined}>
      <LeadHeader lead={lead} />
      <div className="now-line">
        {settings && <SlaClock lead={lead} settings={settings} now={time} events={leadEvents} />}
        <p className="now-facts">
          {intent && (
            <span className="badge badge-intent" data-testid="intent">
              {intentLabel(intent)}
            </span>
          )}{' '}
          {scoring ? (
            <button
              type="button"
              className="link score-link"
              aria-expanded={scoreOpen}
              onClick={() => (scoreOpen ? setOpen(situation, 'score', false) : reveal('score'))}
              title="Show how the score is made"
            >
              <ScoreSummary {...scoring} />
            </button>
          ) : (
            <span aria-busy="true">Scoring…</span>
          )}
        </p>
      </div>
      <div className="action-bar" role="toolbar" aria-label="Next actions">
        {touchFirst && <LogTouchButton onClick={() => reveal('call-log', shortcutId(scope, 'call-log'))} primary />}
        <div className="action-slot" ref={setActionsSlot} />
        {!touchFirst && <LogTouchButton onClick={() => reveal('call-log', shortcutId(scope, 'call-log'))} />}
      </div>
      <Fold scope={scope} situation={situation} section="decision" title="Decision">
        <Decision
          lead={lead}
          now={now}
          justDecided={justDecided}
          acceptId={shortcutId(scope, 'accept')}
          rejectId={shortcutId(scope, 'reject')}
          undoId={shortcutId(scope, 'undo')}
          actionsSlot={actionsSlot}
          onOpenForm={() => reveal('decision')}
        />
      </Fold>
      <Fold scope={scope} situation={situation} section="checklist" title="Qualification">
        <div id={shortcutId(scope, 'checklist')}>
          <Checklist lead={lead} now={now} />
        </div>
      </Fold>
      <Fold scope={scope} situation={situation} section="call-log" title="Call log">
        <div id={shortcutId(scope, 'call-log')}>
          <CallLog key={lead.id} lead={lead} now={now} />
        </div>
      </Fold>
      <Fold scope={scope} situation={situation} section="profile" title="Profile">
        <LeadProfile lead={lead} />
      </Fold>
      <Fold scope={scope} situation={situation} section="score" title="Score">
        {scoring ? <ScoreCard {...scoring} /> : <p aria-busy="true">Scoring…</p>}
      </Fold>
      <Fold scope={scope} situation={situation} section="timeline" title="Engagement">
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

function LogTouchButton({ onClick, primary = false }: { onClick: () => void; primary?: boolean }) {
  return (
    <button
      type="button"
      className={primary ? undefined : 'secondary'}
      onClick={onClick}
      title="Log a call, email or meeting (Alt+L)"
      aria-keyshortcuts="Alt+L"
    >
      {primary ? 'Log first touch' : 'Log a touch'}
    </button>
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
function useOpenForShortcut(situation: Situation) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      const section = SHORTCUT_SECTIONS[event.code];
      if (!section) return;
      const { folds, setOpen } = useUiStore.getState();
      if (folds[`${situation}.${section}`] ?? defaultOpen(situation, section)) return;
      flushSync(() => setOpen(situation, section, true));
    };
    document.addEventListener('keydown', onKey, { capture: true });
    return () => document.removeEventListener('keydown', onKey, { capture: true });
  }, [situation]);
}

interface FoldProps {
  scope: string;
  situation: Situation;
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
function Fold({ scope, situation, section, title, children }: FoldProps) {
  const open = useSectionOpen(situation, section);
  const setOpen = useUiStore((s) => s.setOpen);
  const id = `fold-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const heading = open ? {} : ({ role: 'heading', 'aria-level': 3 } as const);
  return (
    <div className="fold" data-section={section} data-scope={scope}>
      <div className="fold-head" {...heading}>
        <button
          type="button"
          aria-expanded={open}
          aria-controls={id}
          onClick={() => setOpen(situation, section, !open)}
        >
          {title}
        </button>
      </div>
      <div id={id} hidden={!open}>
        {children}
      </div>
    </div>
  );
}
