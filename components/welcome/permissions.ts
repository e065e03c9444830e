/** The parts of the manifest the welcome page explains (read at run time from `runtime.getManifest()`). */
export interface ManifestAccess {
  permissions?: readonly string[];
  host_permissions?: readonly string[];
  optional_host_permissions?: readonly string[];
}

/** One permission and why Handoff has it, in the rep's words. */
export interface PermissionLine {
  name: string;
  why: string;
}

/**
 * Why each API permission is asked for; the same reasons wxt.config.ts gives next to the list.
 * A permission added there without a line here fails tests/components/welcome/permissions.test.ts.
 */
export const PERMISSION_REASONS: Readonly<Record<string, PermissionLine>> = {
  storage: {
    name: 'Storage',
    why: "Remembers what each tab's sidebar is showing and whether you collapsed it.",
  },
  alarms: {
    name: 'Alarms',
    why: "Wakes Handoff every few minutes to sync with your team's server, only while team sync is on.",
  },
  scripting: {
    name: 'Scripting',
    why: 'Saves a copy of a page for a bug report, only when you ask for one.',
  },
};

/** `https://mail.google.com/*` as `mail.google.com`. */
function hostOf(pattern: string): string {
  return pattern.replace(/^[a-z*]+:\/\//, '').replace(/\/.*$/, '');
}

/**
 * One line per permission the manifest holds, in its order: the API permissions, then the
 * sites as one line, then the optional sync server. An unknown permission still gets a line
 * (named as the manifest names it) rather than being hidden.
 */
export function permissionLines(manifest: ManifestAccess): PermissionLine[] {
  const lines = (manifest.permissions ?? []).map(
    (permission) => PERMISSION_REASONS[permission] ?? { name: permission, why: 'No reason written down yet.' },
  );
  const hosts = [...new Set((manifest.host_permissions ?? []).map(hostOf))];
  if (hosts.length > 0) {
    lines.push({
      name: `Read ${hosts.join(', ')}`,
      why: 'Shows the sidebar beside the profile or mail thread you open there, and reads who it is about.',
    });
  }
  if ((manifest.optional_host_permissions ?? []).length > 0) {
    lines.push({
      name: "Your team's sync server (optional)",
      why: 'Asked for only when you turn team sync on in the settings, and given back when you turn it off.',
    });
  }
  return lines;
}
