import { encodeTime } from 'ulidx';
import type { Repositories } from '../db';
import { findLeadsForIdentity } from '../db';
import type { ActivityKind } from '../domain/enums';
import { normalizeLinkedinUrl } from '../domain/identity';
import { EmailSchema } from '../domain/lead';
import type { ParsedRequestOf } from '../messaging/protocol';
import { actorOf } from '../sidebar/data';
import type { SiteKey } from '../sites/types';

export type SentTouchRequest = ParsedRequestOf<'touch.sent'>;

/**
 * The same send reported again within this long (the same site, kind, thread or profile and
 * lead) is the same touch: a page that re-renders or is reloaded, a second tab on the thread.
 */
export const SAME_TOUCH_MS = 10 * 60_000;

/** What each kind of send is as a touch, and the only sites that can send it. */
const KINDS = {
  email: { kind: 'email', sites: ['gmail', 'outlook'], what: 'Email sent' },
  linkedin_message: { kind: 'linkedin_message', sites: ['linkedin'], what: 'LinkedIn message sent' },
  linkedin_invite: { kind: 'linkedin_message', sites: ['linkedin'], what: 'LinkedIn connection request sent' },
} as const satisfies Record<SentTouchRequest['kind'], { kind: ActivityKind; sites: readonly SiteKey[]; what: string }>;

const SITE_NAMES: Record<SiteKey, string> = { gmail: 'Gmail', outlook: 'Outlook', linkedin: 'LinkedIn' };

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 16 ULID characters (80 bits) of a SHA-256 of `text`: the same send always gives the same ones. */
async function fingerprint(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(digest.subarray(0, 16), (byte) => CROCKFORD[byte & 31]).join('');
}

/**
 * Touches that log themselves (opt-in, `settings.captureTouches`): a send the page side saw
 * (lib/sites/sent.ts) becomes an activity of outcome `sent` for each known lead it went to, and
 * a lead's first one stops the SLA clock (`ActivityRepository.log` sets `times.firstTouchAt`).
 * Nothing of the message is stored: the kind, the time (the background's clock, not the page's),
 * a note naming the site, and the thread or profile only inside the id's fingerprint.
 *
 * Everything the page side says is checked again here: the opt-in, that its site (the sender's
 * URL, as the browser reports it) sends that kind, and which recipients are known leads; the
 * rest are never looked at again or stored. The same send reported twice logs once: a touch's
 * id is a ULID whose random part is a fingerprint of site, kind, thread or profile and lead, and
 * a stored touch with the same fingerprint within {@link SAME_TOUCH_MS} is the same send.
 * Reports are handled one at a time, so two of the same send cannot both miss the other.
 */
export class TouchCapture {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly repos: Repositories,
    private readonly now: () => number = Date.now,
  ) {}

  /** Logs the send; returns the ids of the leads a touch was logged for. Throws for a kind the site cannot send. */
  log(site: SiteKey, touch: SentTouchRequest): Promise<string[]> {
    const run = this.queue.then(() => this.logNow(site, touch));
    this.queue = run.catch(() => {});
    return run;
  }

  private async logNow(site: SiteKey, touch: SentTouchRequest): Promise<string[]> {
    const rule = KINDS[touch.kind];
    if (!(rule.sites as readonly SiteKey[]).includes(site))
      throw new Error(`${SITE_NAMES[site]} cannot send ${touch.kind}`);
    const settings = await this.repos.settings.get();
    if (!settings.captureTouches) return [];
    const emails =
      touch.kind === 'email' ? touch.emails.flatMap((email) => EmailSchema.safeParse(email).data ?? []) : [];
    const linkedinUrl = touch.kind === 'email' ? null : normalizeLinkedinUrl(touch.linkedinUrl ?? '');
    if (emails.length === 0 && !linkedinUrl) return [];
    const leads = await findLeadsForIdentity(this.repos.leads, { emails, ...(linkedinUrl ? { linkedinUrl } : {}) });
    const at = this.now();
    const where = touch.thread ?? linkedinUrl ?? '';
    const from = touch.kind === 'email' ? ` from ${SITE_NAMES[site]}` : '';
    const logged: string[] = [];
    for (const lead of leads) {
      const mark = await fingerprint([site, touch.kind, where, lead.id].join('\n'));
      const recent = await this.repos.activities.history(lead.id, { limit: 50 });
      if (recent.some((a) => a.id.endsWith(mark) && Math.abs(at - a.occurredAt) < SAME_TOUCH_MS)) continue;
      await this.repos.activities.log({
        id: encodeTime(at, 10) + mark,
        leadId: lead.id,
        kind: rule.kind,
        outcome: 'sent',
        notes: `${rule.what}${from}; logged by Handoff from the page.`,
        occurredAt: at,
        loggedBy: actorOf(settings),
      });
      logged.push(lead.id);
    }
    return logged;
  }
}
