import { type ManifestAccess, permissionLines } from './permissions';

/** What Handoff keeps and where, and each permission it holds with the reason, one line each. */
export function WhatIsKept({ manifest }: { manifest: ManifestAccess }) {
  const permissions = permissionLines(manifest);
  return (
    <section className="welcome-step" aria-labelledby="welcome-kept">
      <h2 id="welcome-kept">What Handoff keeps, and where</h2>
      <ul className="welcome-facts">
        <li>
          Everything you add, import or decide stays in this browser's own database (IndexedDB), on this computer.
        </li>
        <li>
          Nothing leaves this browser unless your team turns on team sync in the settings. Then your leads, decisions
          and calls go to your team's own server, and nowhere else.
        </li>
        <li>Removing the extension deletes what it kept: export a backup from the settings first.</li>
      </ul>
      <h3 id="welcome-permissions">What Handoff is allowed to do</h3>
      <ul className="welcome-permissions" aria-labelledby="welcome-permissions">
        {permissions.map((line) => (
          <li key={line.name}>
            <strong>{line.name}</strong>: {line.why}
          </li>
        ))}
      </ul>
    </section>
  );
}
