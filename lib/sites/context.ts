import type { AdapterContext } from './types';

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.length <= 320).slice(0, 50) : [];

/**
 * The adapter context out of the background's `adapter.context` reply (`{ ok, value }`).
 * Checked by hand, not with zod: this runs in the page-side bundle, which stays small.
 * Anything unexpected gives the empty context: the adapters then rely on what the page
 * itself shows about the signed-in account.
 */
export function adapterContextFrom(reply: unknown): AdapterContext {
  if (typeof reply !== 'object' || reply === null || (reply as { ok?: unknown }).ok !== true) return {};
  const value = (reply as { value?: unknown }).value;
  if (typeof value !== 'object' || value === null) return {};
  const { selfEmails, companyDomains } = value as Record<string, unknown>;
  return { selfEmails: strings(selfEmails), companyDomains: strings(companyDomains) };
}
