// HTTPS transport of the management API: routing from the contract table, body limits, JSON
// errors that name the field. Anything a client sends is parsed with the route's schema first.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { z } from 'zod';
import {
  MAX_BODY_BYTES,
  MGMT_BASE_PATH,
  mgmtRoutes,
  type ErrorBody,
  type MgmtRouteName,
} from './contract.ts';
import { MgmtError } from './errors.ts';
import type { AdminService } from './admin-service.ts';
import type { CertificatesService } from './certificates-service.ts';
import type { DiagnosticsService } from './diagnostics-service.ts';
import type { ConfigService } from './config-service.ts';
import type { ConnectionsStatusBody } from './connections-routes.ts';
import type { CallsApi } from './calls-routes.ts';
import type { BackupService } from './backup-service.ts';

interface HandlerContext {
  source: string;
  token: string | undefined;
  /** The If-Match header, when the client sent one. */
  ifMatch: string | undefined;
}
type Handler = (body: unknown, context: HandlerContext) => unknown;

/** An answer with headers of its own (ETag); a handler returns a plain body otherwise. */
export class HttpReply {
  readonly body: unknown;
  readonly headers: Record<string, string>;
  constructor(body: unknown, headers: Record<string, string>) {
    this.body = body;
    this.headers = headers;
  }
}

function withEtag<T extends { etag: string }>(answer: T): HttpReply {
  return new HttpReply(answer, { etag: answer.etag });
}

export function createHandlers(
  service: AdminService,
  certificates: CertificatesService,
  config: ConfigService,
  diagnostics: DiagnosticsService,
  connections: () => ConnectionsStatusBody,
  calls?: CallsApi,
  backup?: BackupService,
): Record<MgmtRouteName, Handler> {
  const noCalls = { calls: [] };
  const backups = () => {
    if (!backup) throw new MgmtError(404, 'not-found', 'This engine has no backup service.');
    return backup;
  };
  return {
    identity: () => service.identity(),
    setup: (body, c) => service.setup(body as never, c.source),
    login: (body, c) => service.login(body as never, c.source),
    logout: (_body, c) => service.logout(c.token!),
    changePassword: (body, c) => service.changePassword(body as never, c.token!, c.source),
    status: () => service.status(),
    certificatesList: () => certificates.list(),
    certificatesCreateRequest: (body) => certificates.createRequest(body as never),
    certificatesImportSigned: (body) => certificates.importSigned(body as never),
    certificatesImportIntermediates: (body) => certificates.importIntermediates(body as never),
    certificatesImportPkcs12: (body) => certificates.importPkcs12(body as never),
    certificatesAddTrusted: (body) => certificates.addTrusted(body as never),
    certificatesBundledRoots: () => certificates.bundledRoots(),
    certificatesAddBundledRoot: (body) => certificates.addBundledRoot(body as never),
    certificatesRemove: (body) => certificates.remove(body as never),
    certificatesUseForSipTls: (body) => certificates.useForSipTls(body as never),
    diagnosticsOptions: (body, c) => diagnostics.options(body as never, c.source),
    configGet: () => withEtag(config.get()),
    configPut: async (body, c) => withEtag(await config.put(body as never, c.ifMatch)),
    configConfirm: (body) => config.confirm(body as never),
    configHistory: () => config.history(),
    configVersion: (body) => config.version(body as never),
    configRollback: async (body, c) => withEtag(await config.rollback(body as never, c.ifMatch)),
    configDiff: (body) => config.diff(body as never),
    connectionsStatus: () => connections(),
    callsList: () => calls?.list() ?? noCalls,
    callsTeardown: (body) => {
      const { id } = body as { id: string };
      if (!calls?.teardown(id))
        throw new MgmtError(404, 'not-found', `There is no call ${id}; it may have ended already.`, {
          field: 'id',
        });
      return {};
    },
    callsCounters: () => calls?.counters() ?? { connections: [] },
    backupExport: (body) => backups().export(body as never),
    backupInspect: (body) => backups().inspect(body as never),
    backupRestore: (body) => backups().restore(body as never),
  };
}

/**
 * Who a request counts against for the login lockout. IPv4 clients on a dual-stack socket appear
 * as ::ffff:a.b.c.d and count as a.b.c.d; IPv6 clients count by their /64, since one host
 * usually holds a whole /64 and could otherwise rotate addresses past the lockout.
 */
export function sourceAddress(request: IncomingMessage): string {
  const address = request.socket.remoteAddress ?? 'unknown';
  if (address.startsWith('::ffff:')) return address.slice(7);
  return address.includes(':') ? ipv6Prefix64(address) : address;
}

export function ipv6Prefix64(address: string): string {
  const [head = '', tail] = address.split('%')[0]!.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail === undefined ? [] : tail ? tail.split(':') : [];
  const groups =
    tail === undefined
      ? left
      : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => (parseInt(g || '0', 16) || 0).toString(16))
    .join(':')}::/64`;
}

function readBody(request: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) {
    return Promise.reject(new MgmtError(413, 'body-too-large', `The body is larger than ${limit} bytes.`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.removeAllListeners('data');
        request.resume();
        reject(new MgmtError(413, 'body-too-large', `The body is larger than ${limit} bytes.`));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function parseBody(raw: Buffer, schema: z.ZodType): unknown {
  let json: unknown = {};
  if (raw.length > 0) {
    try {
      json = JSON.parse(raw.toString('utf8'));
    } catch (error) {
      throw new MgmtError(400, 'bad-json', `The body is not valid JSON: ${(error as Error).message}`);
    }
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.');
    throw new MgmtError(
      400,
      'invalid-body',
      field ? `${field}: ${issue.message}` : issue.message,
      field ? { field } : {},
    );
  }
  return parsed.data;
}

function send(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  response.end(text);
}

function sendError(response: ServerResponse, error: MgmtError): void {
  const body: ErrorBody = {
    error: {
      code: error.code,
      message: error.message,
      ...(error.field ? { field: error.field } : {}),
      ...(error.retryAfterSeconds ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
      ...(error.problems ? { problems: error.problems } : {}),
    },
  };
  const headers: Record<string, string> = error.retryAfterSeconds
    ? { 'retry-after': String(error.retryAfterSeconds) }
    : {};
  // An oversized body is not read to the end: close the connection rather than drain it.
  if (error.status === 413) headers.connection = 'close';
  send(response, error.status, body, headers);
}

export async function handleRequest(
  handlers: Record<MgmtRouteName, Handler>,
  service: AdminService,
  request: IncomingMessage,
  response: ServerResponse,
  log: (line: string) => void,
): Promise<void> {
  try {
    const url = new URL(request.url ?? '/', 'https://engine');
    const path = url.pathname.startsWith(MGMT_BASE_PATH)
      ? url.pathname.slice(MGMT_BASE_PATH.length)
      : undefined;
    // One path may take several methods (GET and PUT /config).
    const atPath = Object.entries(mgmtRoutes).filter(([, spec]) => spec.path === path);
    if (atPath.length === 0) throw new MgmtError(404, 'not-found', `No such API path: ${url.pathname}`);
    const entry = atPath.find(([, spec]) => spec.method === request.method);
    if (!entry) {
      const allowed = atPath.map(([, spec]) => spec.method).join(' or ');
      throw new MgmtError(
        405,
        'method-not-allowed',
        `${url.pathname} takes ${allowed}, not ${request.method}.`,
      );
    }
    const [name, spec] = entry as [MgmtRouteName, (typeof mgmtRoutes)[MgmtRouteName]];
    const authorization = request.headers.authorization;
    const token = authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : undefined;
    if (spec.auth) service.authenticate(token);
    const body =
      spec.method === 'GET'
        ? {}
        : parseBody(
            await readBody(request, 'maxBodyBytes' in spec ? spec.maxBodyBytes : undefined),
            spec.body,
          );
    const ifMatch = request.headers['if-match'];
    const result = await handlers[name](body, { source: sourceAddress(request), token, ifMatch });
    if (result instanceof HttpReply) send(response, 200, result.body, result.headers);
    else send(response, 200, result);
  } catch (error) {
    if (error instanceof MgmtError) {
      sendError(response, error);
    } else {
      log(`[mgmt] internal error: ${(error as Error).stack ?? String(error)}`);
      sendError(response, new MgmtError(500, 'internal', 'The engine failed to answer; see its log.'));
    }
  }
}

export function createMgmtServer(
  tls: { key: string; cert: string },
  service: AdminService,
  certificates: CertificatesService,
  config: ConfigService,
  log: (line: string) => void,
  diagnostics: DiagnosticsService,
  connections: () => ConnectionsStatusBody,
  calls?: CallsApi,
  backup?: BackupService,
): Server {
  const handlers = createHandlers(service, certificates, config, diagnostics, connections, calls, backup);
  const server = createServer(
    {
      ...tls,
      minVersion: 'TLSv1.2',
      requestTimeout: 30_000,
      headersTimeout: 10_000,
      maxHeaderSize: 16 * 1024,
    },
    (request, response) => void handleRequest(handlers, service, request, response, log),
  );
  server.on('tlsClientError', () => {
    // Port scanners and clients that refuse our self-signed certificate end up here; not worth a log line each.
  });
  return server;
}
