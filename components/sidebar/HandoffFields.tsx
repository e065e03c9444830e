import type { AccountExecutive, Handoff } from '../../lib/domain/disposition';
import type { Settings } from '../../lib/domain/settings';
import type { TeamRep } from '../../lib/replication/contract';
import { wallTimeToInstant } from '../../lib/sla/business-hours';
import { useLive } from './data';
import { type Formatter, useFormat } from './format';

/** The handoff as the rep fills it in: an AE by email ('' is "Nobody yet"), a `datetime-local`, a note. */
export interface HandoffDraft {
  aeEmail: string;
  /**
   * The AE picked, when they came from the team's synced reps rather than the settings: the
   * settings' list alone cannot name them back from `aeEmail`.
   */
  ae?: AccountExecutive;
  meeting: string;
  note: string;
}

export const EMPTY_HANDOFF: HandoffDraft = { aeEmail: '', meeting: '', note: '' };

/** What the handoff fields send with an acceptance (decide() adds the owner it came from). */
export type HandoffRequest = Omit<Handoff, 'previousOwner'>;

/**
 * The draft as the request's handoff, or why not (a meeting time that is no time). The
 * meeting is read in the sidebar's zone, the one its dates are shown in. Nothing at all
 * when the rep filled in nothing.
 */
export function handoffRequest(
  draft: HandoffDraft,
  settings: Pick<Settings, 'accountExecutives'>,
  timeZone: string,
): { ok: true; handoff: HandoffRequest | undefined } | { ok: false; message: string } {
  const ae =
    settings.accountExecutives.find((a) => a.email === draft.aeEmail) ??
    (draft.ae?.email === draft.aeEmail ? draft.ae : undefined);
  const meetingAt = draft.meeting === '' ? undefined : wallTimeToInstant(draft.meeting, timeZone);
  if (meetingAt !== undefined && Number.isNaN(meetingAt)) {
    return { ok: false, message: 'The meeting needs a date and a time, or leave it empty.' };
  }
  const note = draft.note.trim();
  const handoff: HandoffRequest = {
    ...(ae && { ae }),
    ...(meetingAt !== undefined && { meetingAt }),
    ...(note && { note }),
  };
  return { ok: true, handoff: Object.keys(handoff).length > 0 ? handoff : undefined };
}

/** "Handed to Alex Kim · meeting Tue, 3 Nov 2026, 10:00 · “Wants 12 seats”", for the history. */
export function describeHandoff(handoff: Handoff, format: Pick<Formatter, 'dateTime'>): string {
  return [
    handoff.ae ? `Handed to ${handoff.ae.name}` : 'No AE named yet',
    handoff.meetingAt !== undefined && `meeting ${format.dateTime(handoff.meetingAt)}`,
    handoff.note && `“${handoff.note}”`,
  ]
    .filter(Boolean)
    .join(' · ');
}

export interface HandoffFieldsProps {
  id: string;
  settings: Pick<Settings, 'accountExecutives'>;
  draft: HandoffDraft;
  onChange: (draft: HandoffDraft) => void;
  /** The meeting's problem, shown under it. */
  meetingError?: string | undefined;
}

/**
 * The team's synced reps that can take a handoff and are not in the settings' list already
 * (same email, or same name: two "Alex Kim" lines would make the rep guess). A handoff names
 * its AE by email (the lead's owner becomes that email), so a rep whose sync token holds no
 * email is not offered: the admin adds one with `issue-token --email`.
 */
export function teamAccountExecutives(
  reps: readonly TeamRep[],
  listed: readonly AccountExecutive[],
): AccountExecutive[] {
  const emails = new Set(listed.map((ae) => ae.email.toLowerCase()));
  const names = new Set(listed.map((ae) => ae.name.trim().toLowerCase()));
  return reps.flatMap((rep) =>
    rep.email && !emails.has(rep.email.toLowerCase()) && !names.has(rep.name.trim().toLowerCase())
      ? [{ name: rep.name, email: rep.email }]
      : [],
  );
}

/**
 * The handoff part of an acceptance (the playbook: the SDR assigns the SQL to an account
 * executive, with the context): who takes it, the meeting if one is booked, a note to sales.
 * The AEs are the settings' list, then, with team sync on, the team's reps not listed there.
 *
 * The AE is asked first but not required: teams often accept before the AE is assigned (a
 * round robin, a manager's pick), and a required choice would make reps pick anyone to get
 * past it. "Nobody yet" keeps the lead's owner, and the history says no AE was named.
 */
export function HandoffFields({ id, settings, draft, onChange, meetingError }: HandoffFieldsProps) {
  const format = useFormat();
  const listed = settings.accountExecutives;
  const synced = useLive(['teamReps'], (data) => data.teamReps());
  const team = teamAccountExecutives(synced ?? [], listed);
  const none = listed.length === 0 && team.length === 0;
  const option = (ae: AccountExecutive) => (
    <option key={ae.email} value={ae.email}>
      {ae.name} ({ae.email})
    </option>
  );
  function pick(aeEmail: string) {
    const fromTeam = team.find((ae) => ae.email === aeEmail);
    const { ae: _previous, ...rest } = draft;
    onChange({ ...rest, aeEmail, ...(fromTeam && { ae: fromTeam }) });
  }
  return (
    <fieldset className="handoff-fields">
      <legend>Handoff to sales</legend>
      <label htmlFor={`${id}-ae`}>Account executive who takes it</label>
      <select
        id={`${id}-ae`}
        value={draft.aeEmail}
        aria-describedby={none ? `${id}-ae-hint` : undefined}
        onChange={(e) => pick(e.target.value)}
      >
        <option value="">Nobody yet</option>
        {listed.map(option)}
        {team.length > 0 && <optgroup label="Team (synced)">{team.map(option)}</optgroup>}
      </select>
      {none && (
        <p id={`${id}-ae-hint`} className="hint">
          No account executives in the settings yet: add your team under "Team: account executives" in the settings,
          then pick one here.
        </p>
      )}
      <label htmlFor={`${id}-meeting`}>Meeting booked (optional, {format.timeZone})</label>
      <input
        id={`${id}-meeting`}
        type="datetime-local"
        value={draft.meeting}
        aria-invalid={meetingError !== undefined}
        aria-describedby={meetingError ? `${id}-meeting-error` : undefined}
        onChange={(e) => onChange({ ...draft, meeting: e.target.value })}
      />
      {meetingError && (
        <p id={`${id}-meeting-error`} className="field-error">
          {meetingError}
        </p>
      )}
      <label htmlFor={`${id}-to-sales`}>Note to sales (optional)</label>
      <textarea
        id={`${id}-to-sales`}
        rows={2}
        value={draft.note}
        onChange={(e) => onChange({ ...draft, note: e.target.value })}
      />
    </fieldset>
  );
}
