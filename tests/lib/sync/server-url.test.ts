import { describe, expect, it } from 'vitest';
import {
  hostPermission,
  isDeclared,
  ServerUrlSchema,
  SYNC_DATA_COLLECTION,
  SYNC_HOST_PERMISSIONS,
} from '../../../lib/sync/server-url';

describe('ServerUrlSchema', () => {
  it.each([
    ['https://sync.example.com', 'https://sync.example.com'],
    ['  https://Sync.Example.com/ ', 'https://sync.example.com'],
    ['https://example.com/handoff/', 'https://example.com/handoff'],
    ['https://example.com:8443', 'https://example.com:8443'],
    ['http://localhost:8787', 'http://localhost:8787'],
    ['http://127.0.0.1:8787/', 'http://127.0.0.1:8787'],
  ])('takes %j as %j', (input, base) => {
    expect(ServerUrlSchema.parse(input)).toBe(base);
  });

  it.each([
    ['', /Enter the sync server/],
    ['sync.example.com', /Not a web address/],
    ['http://sync.example.com', /Use https/],
    ['http://192.168.1.5:8787', /Use https/],
    ['ftp://example.com', /Use https/],
    ['https://user:pass@example.com', /Only the address/],
    ['https://example.com/?token=x', /Only the address/],
    ['javascript:alert(1)', /Use https/],
  ])('refuses %j', (input, message) => {
    const result = ServerUrlSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(message);
  });
});

describe('hostPermission', () => {
  it.each([
    ['https://sync.example.com/handoff', 'https://sync.example.com/*'],
    ['https://example.com:8443', 'https://example.com/*'],
    ['http://localhost:8787', 'http://localhost/*'],
  ])('asks for %j as %j (no port: Firefox patterns have none)', (url, pattern) => {
    expect(hostPermission(url)).toBe(pattern);
  });

  it('is always one the manifest declares as optional', () => {
    const covered = (pattern: string) =>
      SYNC_HOST_PERMISSIONS.some(
        (declared) => declared === pattern || (declared === 'https://*/*' && pattern.startsWith('https://')),
      );
    for (const url of ['https://a.example.com', 'http://localhost:1', 'http://127.0.0.1:2']) {
      expect(covered(hostPermission(ServerUrlSchema.parse(url)))).toBe(true);
    }
  });
});

describe('isDeclared', () => {
  it('covers an https origin by the wildcard, http only by its own pattern', () => {
    const shipped = ['https://*/*'];
    expect(isDeclared('https://sync.example.com/*', shipped)).toBe(true);
    expect(isDeclared('http://localhost/*', shipped)).toBe(false);
    expect(isDeclared('http://localhost/*', [...shipped, 'http://localhost/*'])).toBe(true);
    expect(isDeclared('http://127.0.0.1/*', ['http://localhost/*'])).toBe(false);
    expect(isDeclared('http://127.0.0.1/*', ['<all_urls>'])).toBe(true);
  });
});

describe('SYNC_DATA_COLLECTION', () => {
  it("is what Firefox's manifest declares optional, next to nothing required", async () => {
    const config = (await import('../../../wxt.config')).default as unknown as {
      manifest: (env: { manifestVersion: 2 | 3; browser: string }) => {
        browser_specific_settings: { gecko: Record<string, unknown> };
      };
    };
    const gecko = config.manifest({ manifestVersion: 2, browser: 'firefox' }).browser_specific_settings.gecko;
    expect(gecko.data_collection_permissions).toEqual({ required: ['none'], optional: [...SYNC_DATA_COLLECTION] });
  });
});
