import { existsSync, readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';

/**
 * The store package's words (store/) against what ships: every permission the manifest asks for
 * is justified in store/permissions.md, and the privacy page in the extension is static HTML
 * whose links resolve in the package.
 */
interface Manifest {
  permissions: string[];
  host_permissions: string[];
  optional_host_permissions: string[];
  optional_permissions?: string[];
}

async function shippedManifest(): Promise<Manifest> {
  const config = (await import('../../wxt.config')).default as unknown as {
    manifest: (env: { manifestVersion: 3; browser: string; mode: string; command: string }) => Manifest;
  };
  return config.manifest({ manifestVersion: 3, browser: 'chrome', mode: 'production', command: 'build' });
}

const read = (path: string) => readFileSync(path, 'utf8');

describe('store/permissions.md', () => {
  it('justifies every permission, host permission and optional host permission of the shipped manifest', async () => {
    const manifest = await shippedManifest();
    const text = read('store/permissions.md');
    const asked = [
      ...manifest.permissions,
      ...manifest.host_permissions,
      ...(manifest.optional_permissions ?? []),
      ...manifest.optional_host_permissions,
    ];
    expect(asked.length).toBeGreaterThan(0);
    for (const permission of asked) expect(text, permission).toContain(`\`${permission}\``);
  });
});

describe('public/privacy.html', () => {
  const html = read('public/privacy.html');
  const doc = new JSDOM(html).window.document;

  it('is static: no script, no event handler attribute, no javascript: link', () => {
    expect(doc.querySelectorAll('script')).toHaveLength(0);
    for (const element of doc.querySelectorAll('*')) {
      for (const attribute of element.getAttributeNames()) expect(attribute, element.tagName).not.toMatch(/^on/i);
    }
    for (const link of doc.querySelectorAll('[href], [src]')) {
      expect(link.getAttribute('href') ?? link.getAttribute('src')).not.toMatch(/^\s*javascript:/i);
    }
  });

  it('loads only files shipped beside it', () => {
    for (const image of doc.querySelectorAll('img'))
      expect(existsSync(`public/${image.getAttribute('src')}`)).toBe(true);
    expect(doc.querySelectorAll('link[rel="stylesheet"], iframe, object, embed')).toHaveLength(0);
  });

  it('says what is stored where, what goes to the team server, and that nothing else leaves', () => {
    const text = doc.body.textContent?.replace(/\s+/g, ' ') ?? '';
    expect(text).toContain('IndexedDB');
    expect(text).toContain("extension's own origin");
    expect(text).toContain('Team sync (off until you turn it on)');
    expect(text).toContain('no connection to a CRM');
    expect(text).toContain('Nothing else leaves the browser');
  });

  it('says the same as store/privacy-policy.md, the text published for the stores', () => {
    const policy = read('store/privacy-policy.md').replace(/\s+/g, ' ');
    const text = doc.body.textContent?.replace(/\s+/g, ' ') ?? '';
    for (const heading of doc.querySelectorAll('h2')) expect(policy).toContain(`## ${heading.textContent}`);
    expect(policy).toContain(text.match(/Last changed: [^.]+\./)?.[0] ?? 'no date on the page');
  });
});

describe('store/listing.md', () => {
  it('names the privacy policy, the permissions and the screenshots', () => {
    const listing = read('store/listing.md');
    expect(listing).toContain('privacy.html');
    expect(listing).toContain('store/privacy-policy.md');
    expect(listing).toContain('store/permissions.md');
    expect(listing).toContain('store/screenshots/');
  });
});
