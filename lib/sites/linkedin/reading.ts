/**
 * What the layers have read of the person, field by field with the layer that read each, and the
 * extraction it becomes.
 */
import type { Extraction, PageIdentity, ReadBy, ReadLayer } from '../types';

/** The text fields a page can show of its person. */
type Field = 'name' | 'title' | 'company' | 'location' | 'linkedinUrl';

/** What the layers have read so far: each field once, with the layer that read it. */
export interface Reading {
  fields: Partial<Record<Field, string>>;
  by: ReadBy;
}

/**
 * Longest values kept. Real names, titles and places fit well inside; anything longer is a
 * layout change feeding us a paragraph, and the cap keeps it from filling the sidebar.
 */
export const MAX = { name: 120, title: 200, company: 120, location: 120, email: 254, emails: 5 } as const;

export const empty = (): Reading => ({ fields: {}, by: {} });

/** The fields one layer read, those it found marked with it. */
export function read(fields: Partial<Record<Field, string>>, layer: ReadLayer): Reading {
  const reading = empty();
  for (const [field, value] of Object.entries(fields) as [Field, string | undefined][])
    put(reading, field, value, layer);
  return reading;
}

/** Sets a field the layers before have not: the most precise layer wins. */
export function put(reading: Reading, field: Field, value: string | undefined, layer: ReadLayer): void {
  if (!value || reading.fields[field]) return;
  reading.fields[field] = value;
  reading.by[field] = layer;
}

export function merge(reading: Reading, more: Reading): void {
  for (const [field, value] of Object.entries(more.fields) as [Field, string][]) {
    const layer = more.by[field];
    if (layer && layer !== 'correction') put(reading, field, value, layer);
  }
}

export function person(
  page: PageIdentity['page'],
  emails: string[],
  { fields, by }: Reading,
  key: string,
  salesNavigatorId?: string,
): Extraction {
  const identity: PageIdentity = { site: 'linkedin', page, emails };
  // Only the fields the page showed: no `undefined` keys crossing the message channel.
  if (fields.name) identity.name = fields.name;
  if (fields.linkedinUrl) identity.linkedinUrl = fields.linkedinUrl;
  if (salesNavigatorId) {
    identity.salesNavigatorId = salesNavigatorId;
    by.salesNavigatorId = 'url';
  }
  if (fields.title) identity.title = fields.title;
  if (fields.company) identity.company = fields.company;
  if (fields.location) identity.location = fields.location;
  identity.readBy = by;
  if (key.length <= 300) identity.pageKey = `linkedin:${key}`;
  return { kind: 'person', identity };
}
