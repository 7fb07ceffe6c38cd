// Client of an engine's management API. The TLS handshake completes and the certificate is
// checked against the pin BEFORE a single byte of the request (which may carry a password) is
// sent; only then is HTTP spoken over that same socket.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { connect, type TLSSocket } from 'node:tls';
import {
  ErrorBody,
  MGMT_BASE_PATH,
  mgmtRoutes,
  type MgmtBody,
  type MgmtResponse,
  type MgmtRouteName,
} from '../../../sbc-engine/mgmt/contract.ts';

export interface MgmtTarget {
  host: string;
  port: number;
}

/** Why nothing usable answered: a scan reports closed ports apart from silent addresses. */
export type UnreachableReason = 'refused' | 'timeout' | 'name' | 'other';

/** Decides whether a certificate fingerprint is acceptable; throw to abort before sending. */
export type FingerprintCheck = (fingerprint: string) => void;

export type MgmtCallError =
  | { kind: 'unreachable'; message: string; reason?: UnreachableReason }
  | { kind: 'rejected-certificate'; fingerprint: string; reason: Error }
  | {
      kind: 'http';
      status: number;
      code: string;
      message: string;
      field?: string;
      retryAfterSeconds?: number;
      problems?: ErrorBody['error']['problems'];
    }
  | { kind: 'protocol'; message: string };

export class MgmtClientError extends Error {
  readonly detail: MgmtCallError;
  constructor(detail: MgmtCallError) {
    super(detail.kind === 'rejected-certificate' ? detail.reason.message : detail.message);
    this.detail = detail;
  }
}

const DEFAULT_TIMEOUT_MS = 5000;
const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

function handshake(
  target: MgmtTarget,
  timeoutMs: number,
): Promise<{ socket: TLSSocket; fingerprint: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect({
      host: target.host,
      port: target.port,
      // Trust comes from the pinned fingerprint, not from a CA: engines start with self-signed certificates.
      rejectUnauthorized: false,
      ...(isIP(target.host) ? {} : { servername: target.host }),
      minVersion: 'TLSv1.2',
    });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new MgmtClientError({
          kind: 'unreachable',
          reason: 'timeout',
          message: `No answer from ${target.host}:${target.port} within ${timeoutMs / 1000} s`,
        }),
      );
    }, timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const certificate = socket.getPeerCertificate();
      if (!certificate?.fingerprint256) {
        socket.destroy();
        reject(new MgmtClientError({ kind: 'protocol', message: 'The engine presented no certificate' }));
        return;
      }
      resolve({ socket, fingerprint: certificate.fingerprint256 });
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const reason =
        error.code === 'ECONNREFUSED'
          ? `Nothing listens on ${target.host}:${target.port} (connection refused)`
          : error.code === 'ENOTFOUND'
            ? `The name ${target.host} cannot be resolved`
            : `${target.host}:${target.port}: ${error.message}`;
      reject(new MgmtClientError({ kind: 'unreachable', message: reason, reason: unreachableReason(error) }));
    });
  });
}

function unreachableReason(error: NodeJS.ErrnoException): UnreachableReason {
  if (error.code === 'ECONNREFUSED') return 'refused';
  if (error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN') return 'name';
  if (error.code === 'ETIMEDOUT') return 'timeout';
  return 'other';
}

function readResponse(response: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_RESPONSE_BYTES) {
        response.destroy();
        reject(new MgmtClientError({ kind: 'protocol', message: 'The engine sent an oversized answer' }));
      } else chunks.push(chunk);
    });
    response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    response.on('error', reject);
  });
}

export interface CallOptions {
  checkFingerprint: FingerprintCheck;
  token?: string;
  timeoutMs?: number;
}

export async function callMgmt<N extends MgmtRouteName>(
  target: MgmtTarget,
  name: N,
  body: MgmtBody<N>,
  options: CallOptions,
): Promise<{ fingerprint: string; response: MgmtResponse<N> }> {
  const spec = mgmtRoutes[name];
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const { socket, fingerprint } = await handshake(target, timeoutMs);
  try {
    options.checkFingerprint(fingerprint);
  } catch (reason) {
    socket.destroy();
    throw new MgmtClientError({ kind: 'rejected-certificate', fingerprint, reason: reason as Error });
  }
  const payload = spec.method === 'GET' ? undefined : JSON.stringify(body);
  const text = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const request = httpRequest(
      {
        method: spec.method,
        path: MGMT_BASE_PATH + spec.path,
        host: target.host,
        port: target.port,
        createConnection: () => socket,
        headers: {
          accept: 'application/json',
          ...(payload
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
            : {}),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
        timeout: timeoutMs,
      },
      (response) => {
        readResponse(response).then((t) => resolve({ status: response.statusCode ?? 0, text: t }), reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', (error) =>
      reject(
        new MgmtClientError({
          kind: 'unreachable',
          message: `${target.host}:${target.port}: ${error.message}`,
        }),
      ),
    );
    request.end(payload);
  }).finally(() => socket.destroy());

  let json: unknown;
  try {
    json = JSON.parse(text.text);
  } catch {
    throw new MgmtClientError({
      kind: 'protocol',
      message: `The engine answered HTTP ${text.status} with something that is not JSON`,
    });
  }
  if (text.status !== 200) {
    const error = ErrorBody.safeParse(json);
    if (!error.success)
      throw new MgmtClientError({ kind: 'protocol', message: `The engine answered HTTP ${text.status}` });
    throw new MgmtClientError({ kind: 'http', status: text.status, ...error.data.error });
  }
  const parsed = spec.response.safeParse(json);
  if (!parsed.success) {
    throw new MgmtClientError({
      kind: 'protocol',
      message: `The engine's answer to ${name} does not match API v1: ${parsed.error.issues[0]?.message}`,
    });
  }
  return { fingerprint, response: parsed.data as MgmtResponse<N> };
}
