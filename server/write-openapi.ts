import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildOpenApiDocument } from './openapi';

/** server/openapi.json: the document as a file, for readers and tools that do not run the server. */
export const OPENAPI_FILE = fileURLToPath(new URL('./openapi.json', import.meta.url));

/** `npm run server:openapi`: rewrites server/openapi.json from the zod contract, in the repository's JSON format. */
function main(): void {
  writeFileSync(OPENAPI_FILE, `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`);
  const biome = fileURLToPath(new URL('../node_modules/.bin/biome', import.meta.url));
  if (existsSync(biome)) execFileSync(biome, ['format', '--write', OPENAPI_FILE], { stdio: 'ignore' });
  console.log(`Wrote ${OPENAPI_FILE}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
