// A connected TCP/TLS socket as a SIP flow: Content-Length framing, RFC 5626 pongs, and replies
// on the same connection. Used for connections we accept and for those we open.
import type { Socket } from 'node:net';
import { SipStreamFramer } from '../sip/stream-framer.ts';
import type { Flow } from './flow.ts';
import { unmapIpv4, type InboundHandler } from './types.ts';

/** Wraps a connected stream socket as a flow and feeds what it receives to the handler. */
export function streamFlow(
  socket: Socket,
  transport: 'tcp' | 'tls',
  onMessage: InboundHandler,
  log: (line: string) => void,
  maxMessageBytes = 1024 * 1024,
): Flow {
  const remote = { address: unmapIpv4(socket.remoteAddress ?? ''), port: socket.remotePort ?? 0 };
  const framer = new SipStreamFramer({ maxBodyBytes: maxMessageBytes });
  let onError: ((reason: string) => void) | undefined;
  const flow: Flow = {
    transport,
    remote,
    local: { address: unmapIpv4(socket.localAddress ?? ''), port: socket.localPort ?? 0 },
    send(bytes, errorCallback) {
      onError = errorCallback;
      if (socket.destroyed)
        errorCallback?.(`the ${transport} connection to ${remote.address}:${remote.port} is closed`);
      else socket.write(bytes);
    },
    onClose(listener) {
      if (socket.destroyed) listener();
      else socket.once('close', listener);
    },
  };
  socket.on('data', (chunk: Buffer) => {
    for (const item of framer.push(chunk)) {
      if (item.kind === 'ping') socket.write('\r\n');
      else if (item.kind === 'message')
        onMessage({
          transport,
          bytes: item.bytes,
          source: remote,
          reply: (answer) => flow.send(answer),
          flow,
        });
      else if (item.kind === 'error') {
        log(
          `[sip/${transport}] closing the connection with ${remote.address}:${remote.port}: ${item.reason}`,
        );
        socket.end();
      }
    }
  });
  socket.on('error', (error: NodeJS.ErrnoException) =>
    onError?.(describeSocketError(error, transport, remote)),
  );
  return flow;
}

/** A socket's failure in words an admin can act on, with the system's code kept for searching. */
export function describeSocketError(
  error: NodeJS.ErrnoException,
  transport: 'tcp' | 'tls',
  remote: { address: string; port: number },
): string {
  const where = `${transport}:${remote.address}:${remote.port}`;
  switch (error.code) {
    case 'ECONNRESET':
      return `the peer reset the connection (${where}, ECONNRESET): it closed or restarted`;
    case 'EPIPE':
      return `the connection was closed by the peer before the message went out (${where}, EPIPE)`;
    case 'ETIMEDOUT':
      return `the connection timed out (${where}, ETIMEDOUT): the peer stopped answering`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `no route to the peer (${where}, ${error.code})`;
    default:
      return `${error.message} (${where})`;
  }
}
