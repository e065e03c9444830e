import { describe, expect, it } from 'vitest';
import { PERMISSION_REASONS, permissionLines } from '../../../components/welcome/permissions';
import { shippedManifest } from './render';

describe('permissionLines', () => {
  it('has a reason for every permission the manifest asks for', async () => {
    const manifest = await shippedManifest();
    for (const permission of manifest.permissions ?? []) expect(PERMISSION_REASONS[permission]).toBeDefined();
  });

  it('gives one line per permission, the sites as one line, and the optional sync server', async () => {
    const lines = permissionLines(await shippedManifest());
    expect(lines.map((l) => l.name)).toEqual([
      'Storage',
      'Alarms',
      'Scripting',
      'Read www.linkedin.com, mail.google.com, outlook.office.com, outlook.office365.com, outlook.live.com, outlook.cloud.microsoft',
      "Your team's sync server (optional)",
    ]);
  });

  it('names a permission it has no reason for rather than hiding it', () => {
    expect(permissionLines({ permissions: ['tabs'] })).toEqual([{ name: 'tabs', why: 'No reason written down yet.' }]);
    expect(permissionLines({})).toEqual([]);
  });
});
