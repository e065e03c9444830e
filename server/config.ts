import * as z from 'zod';
import { DEFAULT_AUTH_FAILURES, DEFAULT_BODY_LIMIT, DEFAULT_RATE_LIMIT } from './app';
import { parseSecretKey } from './crm/secrets';
import { DEFAULT_MAX_CLOCK_SKEW_MS } from './store';

const int = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);

/** The server's settings, from the environment (README "Sync server" lists them). */
const EnvSchema = z.object({
  PORT: int(8787).pipe(z.number().max(65_535)),
  /** 127.0.0.1 by default: a team server behind a TLS proxy sets HOST=0.0.0.0 deliberately. */
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().min(1).optional(),
  HANDOFF_DATA_DIR: z.string().min(1).default('./.handoff-server-data'),
  BODY_LIMIT_BYTES: int(DEFAULT_BODY_LIMIT, 1024),
  RATE_LIMIT_MAX: int(DEFAULT_RATE_LIMIT.max, 0),
  RATE_LIMIT_WINDOW_MS: int(DEFAULT_RATE_LIMIT.windowMs, 1000),
  RATE_LIMIT_AUTH_FAILURES: int(DEFAULT_AUTH_FAILURES, 1),
  MAX_CLOCK_SKEW_MS: int(DEFAULT_MAX_CLOCK_SKEW_MS, 0),
  /** 32 bytes, base64: the key CRM secrets are encrypted with. Unset: no CRM can be connected. Never echoed. */
  HANDOFF_SECRET_KEY: z
    .string()
    .optional()
    .transform((value, ctx) => {
      try {
        return parseSecretKey(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : 'invalid' });
        return z.NEVER;
      }
    }),
  /** How often the CRM worker looks for writes due when idle (a push wakes it at once). */
  CRM_POLL_MS: int(10_000, 1000),
  TRUST_PROXY: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
});

export type ServerConfig = z.output<typeof EnvSchema>;

/** Reads the settings; throws naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): ServerConfig {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = EnvSchema.safeParse(defined);
  if (!result.success) {
    throw new Error(
      `Invalid server settings: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return result.data;
}
