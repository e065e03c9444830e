import * as z from 'zod';
import { SETTINGS_VERSION, type Settings, SettingsSchema } from '../../lib/domain/settings';
import { type Issue, issuesOf } from './issues';

/** What the first line of an exported file says it is, so a wrong file is named as such. */
export const SETTINGS_FILE_FORMAT = 'handoff-settings';

/** Settings files are a few kilobytes; anything this large is not one, and is not read. */
export const SETTINGS_FILE_MAX_BYTES = 1_000_000;

/** The file as exported: a marker, the settings version it was written with, and the settings. */
export interface SettingsFile {
  format: typeof SETTINGS_FILE_FORMAT;
  settingsVersion: number;
  exportedAt: string;
  settings: Settings;
}

/** The exported file's text: pretty-printed, so a team can review a model change in a diff. */
export function settingsToFile(settings: Settings, now: number): string {
  const file: SettingsFile = {
    format: SETTINGS_FILE_FORMAT,
    settingsVersion: SETTINGS_VERSION,
    exportedAt: new Date(now).toISOString(),
    settings,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** `handoff-settings-2026-11-23.json`. */
export function settingsFileName(now: number): string {
  return `handoff-settings-${new Date(now).toISOString().slice(0, 10)}.json`;
}

export type SettingsFileResult =
  | { ok: true; settings: Settings }
  | { ok: false; message: string; issues: readonly Issue[] };

const EnvelopeSchema = z.object({
  format: z.literal(SETTINGS_FILE_FORMAT),
  settingsVersion: z.number().int().min(1),
  settings: z.unknown(),
});

/**
 * Reads a settings file. The file is untrusted (from anyone, edited by hand): it is
 * parsed as JSON and validated by `SettingsSchema` like any other boundary, and the
 * refusal says what is wrong in words: not JSON, not a settings file, written by a newer
 * release, or which fields do not fit (paths relative to the settings).
 */
export function parseSettingsFile(text: string): SettingsFileResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return refuse(`The file is not valid JSON (${detail}).`);
  }
  const envelope = EnvelopeSchema.safeParse(json);
  if (!envelope.success) {
    return refuse(
      `This is not a Handoff settings file: it should start with "format": "${SETTINGS_FILE_FORMAT}" and hold "settings". Export one from this page to see the shape.`,
    );
  }
  const { settingsVersion, settings } = envelope.data;
  const declared = isRecord(settings) && typeof settings.version === 'number' ? settings.version : settingsVersion;
  if (settingsVersion > SETTINGS_VERSION || declared > SETTINGS_VERSION) {
    return refuse(
      `The file was written by a newer Handoff (settings version ${Math.max(settingsVersion, declared)}); this one reads version ${SETTINGS_VERSION}. Update Handoff, then import it.`,
    );
  }
  const parsed = SettingsSchema.safeParse(settings);
  if (!parsed.success) {
    const issues = issuesOf(parsed.error);
    return refuse(
      issues.length === 1
        ? 'One setting in the file is not valid:'
        : `${issues.length} settings in the file are not valid:`,
      issues,
    );
  }
  return { ok: true, settings: parsed.data };
}

function refuse(message: string, issues: readonly Issue[] = []): SettingsFileResult {
  return { ok: false, message, issues };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * A file's text, read with `FileReader` (jsdom's `File` lacks `text()`), refusing anything
 * too large to be a settings file before reading a byte of it.
 */
export function readSettingsFile(file: Blob): Promise<string> {
  if (file.size > SETTINGS_FILE_MAX_BYTES) {
    return Promise.reject(
      new Error(
        `The file is ${Math.round(file.size / 1000).toLocaleString('en')} KB; a settings file is a few KB (at most ${SETTINGS_FILE_MAX_BYTES / 1_000_000} MB).`,
      ),
    );
  }
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read'));
    reader.readAsText(file);
  });
}

/**
 * Saves `content` as a file the browser downloads: the page's default way to export. A Blob
 * (a CSV export, a backup) goes as it is, with its own type; text is typed `type`.
 */
export function downloadFile(name: string, content: string | Blob, type = 'application/json'): void {
  const url = URL.createObjectURL(typeof content === 'string' ? new Blob([content], { type }) : content);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later, not at once: revoking at once can cancel the download in some browsers, and
  // a backup of many megabytes may still be read after the click (FileSaver.js waits 40 s too).
  setTimeout(() => URL.revokeObjectURL(url), 40_000);
}
