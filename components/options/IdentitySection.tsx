import { emailDomain, isPersonalEmailDomain } from '../../lib/domain/identity';
import { DomainSchema } from '../../lib/domain/lead';
import { ItemListField, type ParsedItem, TextField } from './fields';
import type { SectionProps } from './section';

/** A company domain as the schema will store it, or why not (`https://www.Acme.com/` is `acme.com`). */
export function parseDomain(text: string, existing: readonly string[]): ParsedItem {
  if (text.trim() === '') return { ok: false, message: 'Type a domain such as acme.com' };
  const parsed = DomainSchema.safeParse(text);
  if (!parsed.success) return { ok: false, message: `"${text.trim()}" is not a domain name (like acme.com)` };
  if (existing.includes(parsed.data)) return { ok: false, message: `${parsed.data} is already in the list` };
  return { ok: true, value: parsed.data };
}

/** The company domain a work email names (`sam@seller.io`: `seller.io`); none for gmail.com and the like. */
export function workDomain(email: string | undefined): string | undefined {
  const own = email ? emailDomain(email) : undefined;
  return own && !isPersonalEmailDomain(own) && DomainSchema.safeParse(own).success ? own : undefined;
}

/** What the identity fields need: the welcome page gives them its own draft, with no options-page context. */
export type IdentityFieldsProps = Pick<SectionProps, 'draft' | 'issues' | 'update'>;

/**
 * Who the rep is (the name and email their decisions and calls are signed with) and their
 * company's domains, which tell the rep and colleagues apart from prospects on a mail thread.
 * The options page's section and the welcome page's form: one set of fields, one validation.
 */
export function IdentitySection({ draft, issues, update }: IdentityFieldsProps) {
  const domains = draft.companyDomains;
  const own = workDomain(draft.rep.email);
  const suggestion = own && !domains.includes(own) ? own : undefined;

  return (
    <>
      <TextField
        path="rep.name"
        label="Your name"
        issues={issues}
        value={draft.rep.name}
        maxLength={200}
        autoComplete="name"
        onChange={(name) => update((d) => ({ ...d, rep: { ...d.rep, name } }))}
      />
      <TextField
        path="rep.email"
        label="Your email"
        type="email"
        hint="Signs your decisions and calls, owns the leads you add, and marks your side of a mail thread."
        issues={issues}
        value={draft.rep.email ?? ''}
        autoComplete="email"
        onChange={(email) =>
          update((d) => ({ ...d, rep: { ...d.rep, email: email.trim() === '' ? undefined : email } }))
        }
      />
      <ItemListField
        path="companyDomains"
        label="Company domains"
        addLabel="Add domain"
        emptyText="No company domains yet."
        hint="People with an email at these domains are you and your colleagues, never prospects: on a mail thread the sidebar shows the person outside them."
        issues={issues}
        items={domains}
        parse={parseDomain}
        onChange={(companyDomains) => update((d) => ({ ...d, companyDomains }))}
      />
      {suggestion && (
        <p className="small">
          <button
            type="button"
            className="secondary"
            onClick={() => update((d) => ({ ...d, companyDomains: [...d.companyDomains, suggestion] }))}
          >
            Add {suggestion} (from your email)
          </button>
        </p>
      )}
    </>
  );
}
