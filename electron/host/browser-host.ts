// Browser mode: serves the built UI and answers the API contract over a WebSocket, for a jump
// host without a desktop and for end-to-end tests. Every request needs the access token.
import { createServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { dispatch, type Handlers } from '../services/dispatch.ts';
import { checkPathToken, tokenUrl } from './access-token.ts';
import { SECURITY_HEADERS } from './security-headers.ts';
import { readStatic } from './static-files.ts';

export const API_PATH = '/api';
const MAX_MESSAGE_BYTES = 1024 * 1024;

export interface BrowserHostOptions {
  host: string;
  port: number;
  rendererDir: string;
  handlers: Handlers;
  token: string;
  log: (line: string) => void;
}

export interface BrowserHost {
  url: string;
  server: Server;
  close(): Promise<void>;
}

function refuse(response: ServerResponse, status: 401 | 403 | 404 | 405, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
  response.end(text + '\n');
}

/**
 * The Host header must name this server: a page on another origin could otherwise reach it
 * through DNS rebinding (a name that resolves to 127.0.0.1).
 */
function hostAllowed(request: IncomingMessage, allowedHosts: Set<string>): boolean {
  return allowedHosts.has((request.headers.host ?? '').toLowerCase());
}

async function serveHttp(
  options: BrowserHostOptions,
  allowedHosts: Set<string>,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  if (!hostAllowed(request, allowedHosts))
    return refuse(response, 403, 'SBC Studio: unexpected Host header.');
  const url = new URL(request.url ?? '/', 'http://host');
  const token = checkPathToken(url.pathname, options.token);
  if (token.verdict === 'missing') {
    return refuse(
      response,
      401,
      'SBC Studio: open the address with its token, as printed when SBC Studio started.',
    );
  }
  if (token.verdict === 'wrong') {
    return refuse(
      response,
      403,
      'SBC Studio: this token is not valid (any more). Use the address printed at the latest start.',
    );
  }
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return refuse(response, 405, 'Only GET is served here.');
  const file = await readStatic(options.rendererDir, token.rest);
  if (!file) return refuse(response, 404, 'Not found.');
  response.writeHead(200, {
    'content-type': file.type,
    'cache-control':
      token.rest === '/' || token.rest.endsWith('.html') ? 'no-store' : 'private, max-age=3600',
    ...SECURITY_HEADERS,
  });
  response.end(request.method === 'HEAD' ? undefined : file.body);
}

function serveSocket(options: BrowserHostOptions, socket: WebSocket): void {
  socket.on('message', (data, isBinary) => {
    let id: unknown = null;
    let method: unknown;
    let input: unknown;
    try {
      if (isBinary) throw new Error('binary frames are not part of the protocol');
      const message = JSON.parse(String(data)) as { id?: unknown; method?: unknown; input?: unknown };
      ({ id, method, input } = message);
      if (typeof id !== 'number' && typeof id !== 'string')
        throw new Error('"id" must be a number or string');
    } catch (error) {
      socket.send(
        JSON.stringify({
          id,
          result: {
            ok: false,
            error: { code: 'invalid-input', message: `Malformed request: ${(error as Error).message}` },
          },
        }),
      );
      return;
    }
    void dispatch(options.handlers, method, input, options.log).then((result) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ id, result }));
    });
  });
}

/** The page's own origin only: a WebSocket does not obey the same-origin policy by itself. */
function sameOrigin(request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  return origin !== undefined && origin === `http://${request.headers.host}`;
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const allowedHosts = new Set<string>();
  const server = createServer((request, response) => {
    serveHttp(options, allowedHosts, request, response).catch((error: Error) => {
      options.log(`[host] ${error.message}`);
      if (!response.headersSent) refuse(response, 404, 'Not found.');
    });
  });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://host');
    const token = checkPathToken(url.pathname, options.token);
    const status =
      token.verdict === 'missing'
        ? 401
        : token.verdict === 'wrong' || !hostAllowed(request, allowedHosts) || !sameOrigin(request)
          ? 403
          : token.rest !== API_PATH
            ? 404
            : 0;
    if (status) {
      const text = status === 404 ? 'Not Found' : status === 401 ? 'Unauthorized' : 'Forbidden';
      socket.end(`HTTP/1.1 ${status} ${text}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => serveSocket(options, ws));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  for (const name of [host, options.host, 'localhost', '127.0.0.1', '[::1]'])
    allowedHosts.add(`${name}:${address.port}`.toLowerCase());
  return {
    url: tokenUrl(`http://${host}:${address.port}`, options.token),
    server,
    async close() {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
