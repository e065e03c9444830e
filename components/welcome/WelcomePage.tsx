import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Repositories } from '../../lib/db';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/domain/settings';
import { ValidationError } from '../../lib/domain/validation';
import type { SettingsDraft, UpdateDraft } from '../options/draft';
import { IdentitySection, workDomain } from '../options/IdentitySection';
import { type Issue, settingsIssues } from '../options/issues';
import { NextSteps } from './NextSteps';
import type { ManifestAccess } from './permissions';
import { WhatIsKept } from './WhatIsKept';
import '../options/options.css';
import './welcome.css';

export interface WelcomePageProps {
  repos: Pick<Repositories, 'settings' | 'leads'>;
  /** Writes the bundled sample leads (lib/db/sample.ts, as the popup does). */
  loadSample: () => Promise<{ leads: number }>;
  /** The permissions to explain: `runtime.getManifest()` in the browser. */
  manifest: ManifestAccess;
  /** The options page's address; the CSV link goes to its import section. */
  optionsUrl: string;
}

type Status =
  | { kind: 'editing' }
  | { kind: 'saving' }
  | { kind: 'saved'; as: string }
  | { kind: 'invalid' }
  | { kind: 'failed'; message: string };

interface Edit {
  draft: SettingsDraft;
  domainsTouched: boolean;
}

/** The one rule this page adds to the schema's: the whole point of the page is a name to sign with. */
const NAME_MISSING: Issue = { path: 'rep.name', message: 'Type your name: it signs the decisions and calls you log.' };

function welcomeIssues(draft: SettingsDraft): Issue[] {
  return [...(draft.rep.name.trim() === '' ? [NAME_MISSING] : []), ...settingsIssues(draft)];
}

/**
 * The first-run page, opened once on install and again from the settings: asks who the rep
 * is (the options page's own identity fields, saved through the settings repository and its
 * schema), says what is kept where and which permissions Handoff holds, and offers the sample
 * data or a CSV import.
 */
export function WelcomePage({ repos, loadSample, manifest, optionsUrl }: WelcomePageProps) {
  const [saved, setSaved] = useState<Settings | null>(null);
  const [unreadable, setUnreadable] = useState(false);
  // Until the rep edits the domains, they follow the work email's domain.
  const [{ draft }, setEdit] = useState<Edit>({ draft: DEFAULT_SETTINGS, domainsTouched: false });
  const [status, setStatus] = useState<Status>({ kind: 'editing' });
  const [showIssues, setShowIssues] = useState(false);
  const [focusRequest, setFocusRequest] = useState(0);
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => {
    let live = true;
    repos.settings.get().then(
      (settings) => {
        if (!live) return;
        setSaved(settings);
        setEdit({ draft: settings, domainsTouched: settings.companyDomains.length > 0 });
      },
      () => {
        if (!live) return;
        setUnreadable(true);
        setSaved(structuredClone(DEFAULT_SETTINGS));
      },
    );
    return () => {
      live = false;
    };
  }, [repos]);

  // After a refused save, the first field with a problem takes the focus.
  useEffect(() => {
    if (focusRequest > 0) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusRequest]);

  const update: UpdateDraft = useCallback((change) => {
    setEdit((edit) => {
      const next = change(edit.draft);
      // The domain list's own edits (add, remove, the suggestion) stop the pre-filling.
      const domainsTouched = edit.domainsTouched || next.companyDomains !== edit.draft.companyDomains;
      if (domainsTouched || next.rep.email === edit.draft.rep.email) return { draft: next, domainsTouched };
      const own = workDomain(next.rep.email);
      return { draft: { ...next, companyDomains: own ? [own] : [] }, domainsTouched };
    });
    setStatus((s) => (s.kind === 'saved' || s.kind === 'failed' ? { kind: 'editing' } : s));
  }, []);

  const issues = useMemo(() => (showIssues ? welcomeIssues(draft) : []), [showIssues, draft]);

  async function save() {
    if (!saved || status.kind === 'saving') return;
    if (draft.rep.name.trim() === '') {
      refuse();
      return;
    }
    setStatus({ kind: 'saving' });
    try {
      // Onto the settings as stored now, so a change made in the options page meanwhile is kept.
      const current = unreadable ? saved : await repos.settings.get();
      const stored = await repos.settings.save({ ...current, rep: draft.rep, companyDomains: draft.companyDomains });
      setSaved(stored);
      setEdit({ draft: stored, domainsTouched: stored.companyDomains.length > 0 });
      setUnreadable(false);
      setShowIssues(false);
      setStatus({ kind: 'saved', as: stored.rep.email ? `${stored.rep.name} (${stored.rep.email})` : stored.rep.name });
    } catch (error) {
      if (error instanceof ValidationError) refuse();
      else setStatus({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  }

  function refuse() {
    setShowIssues(true);
    setStatus({ kind: 'invalid' });
    setFocusRequest((n) => n + 1);
  }

  return (
    <main className="welcome" aria-labelledby="welcome-title">
      <h1 id="welcome-title">Welcome to Handoff</h1>
      <p className="welcome-lede">
        Handoff keeps your MQLs, their scores and your SQL decisions beside LinkedIn, Gmail and Outlook. Three things
        before you start.
      </p>

      <section className="welcome-step" aria-labelledby="welcome-you">
        <h2 id="welcome-you">Who you are</h2>
        <p>
          Your name and work email sign the decisions and calls you log. Your company's domains tell your colleagues
          apart from prospects on a mail thread.
        </p>
        {unreadable && (
          <p role="alert" className="error">
            Your stored settings could not be read. Saving here replaces them with the defaults and the details below;
            open the settings first if you want to check them.
          </p>
        )}
        {saved === null ? (
          <p aria-busy="true">Loading your settings…</p>
        ) : (
          <form
            ref={form}
            className="welcome-form"
            noValidate
            aria-label="Who you are"
            onSubmit={(event) => {
              event.preventDefault();
              void save();
            }}
          >
            <IdentitySection draft={draft} issues={issues} update={update} />
            <div className="welcome-save">
              <button type="submit" aria-disabled={status.kind === 'saving'}>
                {status.kind === 'saving' ? 'Saving…' : 'Save'}
              </button>
              <SaveState status={status} issueCount={issues.length} />
            </div>
          </form>
        )}
      </section>

      <WhatIsKept manifest={manifest} />
      <NextSteps repos={repos} loadSample={loadSample} importUrl={`${optionsUrl}#import`} />

      <p className="muted small">You can open this page again from the settings: "Show the welcome page".</p>
    </main>
  );
}

function SaveState({ status, issueCount }: { status: Status; issueCount: number }) {
  if (status.kind === 'failed') {
    return (
      <p role="alert" className="error">
        Could not save: {status.message}. What you typed is still here; try Save again.
      </p>
    );
  }
  if (status.kind === 'invalid') {
    return (
      <p role="alert" className="error">
        {issueCount === 0 ? 'All fixed: press Save again.' : 'Not saved: fix the field marked above, then Save again.'}
      </p>
    );
  }
  return (
    <p role="status" className="welcome-saved">
      {status.kind === 'saved' ? `Saved. Your decisions and calls are signed ${status.as}.` : ''}
    </p>
  );
}
