// A local HTTPS server that serves saved pages under the real sites' host names
// (Chromium maps the names to it with --host-resolver-rules), so content scripts run
// on fixtures exactly as they would on linkedin.com, mail.google.com or outlook.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

export const FIXTURES_DIR = resolve('tests/fixtures');

export const FIXTURE_HOSTS = [
  'www.linkedin.com',
  'mail.google.com',
  'outlook.office.com',
  'outlook.office365.com',
  'outlook.live.com',
  'outlook.cloud.microsoft',
] as const;

export interface FixtureServer {
  port: number;
  /**
   * Serve `tests/fixtures/<file>` (or a file at an absolute path: the benchmark's generated
   * pages) at a URL's host and path (the hash never reaches a server).
   */
  serve(url: string, file: string): void;
  close(): Promise<void>;
}

/** A self-signed certificate for the fixture hosts, made with openssl (Debian's, always present). */
function certificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'handoff-cert-'));
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  const san = FIXTURE_HOSTS.map((h) => `DNS:${h}`).join(',');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=handoff-fixtures'].concat([
      '-keyout',
      key,
      '-out',
      cert,
      '-addext',
      `subjectAltName=${san}`,
    ]),
    { stdio: 'ignore' },
  );
  return { key: readFileSync(key), cert: readFileSync(cert) };
}

export interface FixtureServerOptions {
  /**
   * A fixed port; default 0, any free one. Firefox has no host-to-port mapping like
   * Chromium's --host-resolver-rules, only names to an address, so its tests need 443.
   */
  port?: number;
}

export async function startFixtureServer(options: FixtureServerOptions = {}): Promise<FixtureServer> {
  const routes = new Map<string, string>();
  const routeKey = (host: string, path: string) => `${host.toLowerCase()}${path}`;
  const server = createServer(certificate(), (req, res) => {
    const url = new URL(req.url ?? '/', `https://${req.headers.host ?? 'unknown'}`);
    const file = routes.get(routeKey(url.hostname, url.pathname));
    if (!file || !existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`No fixture for ${url.hostname}${url.pathname}`);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(readFileSync(file));
  });
  // A fixed port can be taken (another run) or refused (443 without root): fail, not hang.
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', done);
  });
  return {
    port: (server.address() as AddressInfo).port,
    serve(url, file) {
      const { hostname, pathname } = new URL(url);
      routes.set(routeKey(hostname, pathname), isAbsolute(file) ? file : join(FIXTURES_DIR, file));
    },
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
