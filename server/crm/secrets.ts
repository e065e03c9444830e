import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** The environment variable that holds the key CRM secrets are encrypted with. */
export const SECRET_KEY_VARIABLE = 'HANDOFF_SECRET_KEY';

const FORMAT = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A configuration problem the operator must fix (the HTTP layer answers 503 `not_configured`). */
export class SecretKeyError extends Error {
  override readonly name = 'SecretKeyError';
}

/**
 * The key for CRM secrets: 32 bytes, given base64-encoded in {@link SECRET_KEY_VARIABLE}
 * (`openssl rand -base64 32`). `undefined` when the variable is unset (the server then runs,
 * but refuses to store or use a CRM secret); a malformed value throws, naming what is wrong
 * and never echoing it.
 */
export function parseSecretKey(value: string | undefined): Buffer | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const text = value.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) {
    throw new SecretKeyError(`${SECRET_KEY_VARIABLE} must be base64 (make one with: openssl rand -base64 32)`);
  }
  const key = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (key.length !== 32) {
    throw new SecretKeyError(
      `${SECRET_KEY_VARIABLE} must decode to 32 bytes for AES-256; it decodes to ${key.length} (make one with: openssl rand -base64 32)`,
    );
  }
  return key;
}

/** A short fingerprint of the key (not the key): tells "encrypted with another key" apart from tampering. */
function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 12);
}

/** What a ciphertext is bound to: a secret copied into another team's row does not decrypt there. */
export interface SecretContext {
  teamId: string;
  system: string;
}

const aad = (context: SecretContext) => Buffer.from(`handoff-crm:${context.teamId}:${context.system}`, 'utf8');

function requireKey(key: Buffer | undefined): Buffer {
  if (!key) {
    throw new SecretKeyError(
      `${SECRET_KEY_VARIABLE} is not set: the server stores a CRM token only encrypted, with that key ` +
        '(32 bytes, base64; make one with: openssl rand -base64 32)',
    );
  }
  return key;
}

/**
 * Encrypts a CRM secret with AES-256-GCM: a fresh 96-bit IV per secret, the team and system as
 * authenticated data. The result (`v1.<key id>.<iv>.<tag>.<ciphertext>`, base64url parts) is what
 * the database stores; it holds nothing of the plaintext.
 */
export function encryptSecret(key: Buffer | undefined, context: SecretContext, plaintext: string): string {
  const k = requireKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', k, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(context));
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), data].map((part) => part.toString('base64url'));
  return [FORMAT, keyId(k), ...parts].join('.');
}

/** Decrypts what {@link encryptSecret} stored; throws a {@link SecretKeyError} saying why it cannot. */
export function decryptSecret(key: Buffer | undefined, context: SecretContext, stored: string): string {
  const k = requireKey(key);
  const [format, id, iv, tag, data] = stored.split('.');
  if (format !== FORMAT || !id || iv === undefined || tag === undefined || data === undefined) {
    throw new SecretKeyError('The stored CRM secret is not in a format this server knows: connect the CRM again');
  }
  if (id !== keyId(k)) {
    throw new SecretKeyError(
      `The CRM secret was encrypted with another ${SECRET_KEY_VARIABLE} (key id ${id}, this server's is ${keyId(k)}): ` +
        'start the server with the key it was stored with, or connect the CRM again',
    );
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', k, Buffer.from(iv, 'base64url'), { authTagLength: TAG_BYTES });
    decipher.setAAD(aad(context));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretKeyError(
      'The stored CRM secret does not decrypt (altered, or not this team’s): connect the CRM again',
    );
  }
}
