import type { QualificationDraft } from '../db';
import { SidebarUpMessageSchema } from '../messaging/protocol';

/** The part of `runtime.Port` the keeper uses. */
export interface DraftPort {
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

/**
 * The net under the checklist's autosave. The sidebar frame saves a checklist a moment after
 * the rep stops typing, and flushes on `pagehide`; but a tab closed within that moment tears
 * the frame down before its flush can reach the background (measured in Chromium: the edit
 * was lost). So the frame also posts each unsaved edit up its port as it is typed, and takes
 * it back once saved; when a port drops with an edit still unsaved, it is saved here.
 *
 * A port also drops when the service worker stops; then this memory is gone too, and the
 * frame re-posts its unsaved edits when it reconnects.
 */
export class DraftKeeper {
  constructor(
    private readonly save: (draft: QualificationDraft) => Promise<unknown>,
    private readonly warn: (message: string, error: unknown) => void = console.warn,
  ) {}

  attach(port: DraftPort): void {
    const unsaved = new Map<string, QualificationDraft>();
    port.onMessage.addListener((raw) => {
      const parsed = SidebarUpMessageSchema.safeParse(raw);
      if (!parsed.success) return this.warn('Handoff: ignored a malformed sidebar message', parsed.error);
      // The side panel's `panel.follow` is the hub's (entrypoints/background).
      if (parsed.data.type !== 'qualification.unsaved') return;
      const { leadId, draft } = parsed.data;
      if (draft === null) unsaved.delete(leadId);
      // The lead is the one the message names; the repository validates the rest on save.
      else unsaved.set(leadId, { ...(draft as QualificationDraft), leadId });
    });
    port.onDisconnect.addListener(() => {
      for (const draft of unsaved.values()) {
        this.save(draft).catch((error: unknown) =>
          this.warn('Handoff: could not save a closed sidebar’s checklist', error),
        );
      }
      unsaved.clear();
    });
  }
}
