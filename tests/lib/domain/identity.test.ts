import { describe, expect, it } from 'vitest';
import {
  emailDomain,
  isPersonalEmailDomain,
  linkedinSlug,
  normalizeDomain,
  normalizeEmail,
  normalizeLinkedinUrl,
} from '../../../lib/domain/identity';

describe('normalizeEmail', () => {
  it.each([
    ['jane.doe@acme.com', 'jane.doe@acme.com'],
    ['  Jane.Doe@ACME.com ', 'jane.doe@acme.com'],
    ['jane.doe+webinar@acme.com', 'jane.doe@acme.com'],
    ['Jane.Doe+news+2026@Acme.com', 'jane.doe@acme.com'],
    ['+weird@acme.com', '+weird@acme.com'], // nothing before the plus: not plus-addressing
    ['not-an-email', 'not-an-email'],
  ])('%j -> %j', (input, expected) => expect(normalizeEmail(input)).toBe(expected));
});

describe('emailDomain and personal domains', () => {
  it.each([
    ['a@Gmail.com', 'gmail.com', true],
    ['a@acme.io', 'acme.io', false],
    ['a@googlemail.com', 'googlemail.com', true],
  ])('%s', (email, domain, personal) => {
    expect(emailDomain(email)).toBe(domain);
    expect(isPersonalEmailDomain(domain)).toBe(personal);
  });
  it('has no domain without an @', () => expect(emailDomain('nobody')).toBeUndefined());
});

describe('normalizeDomain', () => {
  it.each([
    ['Acme.io', 'acme.io'],
    ['https://www.acme.io/about?x=1', 'acme.io'],
    ['acme.io.', 'acme.io'],
    ['http://shop.acme.co.uk:8080/', 'shop.acme.co.uk'],
  ])('%j -> %j', (input, expected) => expect(normalizeDomain(input)).toBe(expected));
});

describe('LinkedIn profile URLs', () => {
  // Every shape reps paste or pages link to, as seen on linkedin.com.
  it.each([
    ['https://www.linkedin.com/in/dana-whitfield/', 'dana-whitfield'],
    ['https://www.linkedin.com/in/dana-whitfield', 'dana-whitfield'],
    ['https://www.linkedin.com/in/Dana-Whitfield/?originalSubdomain=uk', 'dana-whitfield'],
    ['https://de.linkedin.com/in/dana-whitfield/', 'dana-whitfield'],
    ['https://uk.linkedin.com/in/dana-whitfield?trk=people-guest_people_search-card', 'dana-whitfield'],
    ['linkedin.com/in/dana-whitfield', 'dana-whitfield'],
    ['www.linkedin.com/in/dana-whitfield/details/experience/', 'dana-whitfield'],
    ['https://m.linkedin.com/in/dana-whitfield#experience', 'dana-whitfield'],
    ['https://www.linkedin.com/in/j%C3%A9r%C3%B4me-m%C3%BCller-4b2a1c/', 'jérôme-müller-4b2a1c'],
    ['http://www.linkedin.com/pub/dana-whitfield/1/2/3', 'dana-whitfield'],
  ])('%s -> %s', (input, slug) => {
    expect(linkedinSlug(input)).toBe(slug);
    expect(normalizeLinkedinUrl(input)).toBe(`https://www.linkedin.com/in/${encodeURIComponent(slug)}/`);
  });

  it.each([
    'https://www.linkedin.com/sales/lead/ACwAAB8xYz,NAME_SEARCH,abcd',
    'https://www.linkedin.com/company/northwind/',
    'https://www.linkedin.com/feed/',
    'https://evil.example/in/dana-whitfield',
    'https://linkedin.com.evil.example/in/dana',
    'not a url at all',
    '',
  ])('%j is not a profile URL', (input) => {
    expect(linkedinSlug(input)).toBeNull();
  });
});
