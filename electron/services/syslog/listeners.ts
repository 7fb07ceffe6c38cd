// The receiver's sockets: UDP (RFC 5426), TCP (RFC 6587) and TLS (RFC 5425). Syslog's port 514 is
// privileged on Linux and often taken (by rsyslog, or another syslog service on Windows): when the
// default port cannot be bound, the listener moves to an unprivileged fallback and says why.
import { createSocket, type RemoteInfo, type Socket as UdpSocket } from 'node:dgram';
import { createServer, isIPv6, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, type TlsOptions } from 'node:tls';
import { readKernelDrops, socketInode } from './proc-net-udp.ts';

export type Transport = 'udp' | 'tcp' | 'tls';

export interface ListenSpec {
  host: string;
  port: number;
  /** Tried when `port` gives EACCES or EADDRINUSE (set only for the default port). */
  fallbackPort?: number;
}

export interface BoundListener {
  transport: Transport;
  address: string;
  port: number;
  /** Why the fallback port is used, in plain words. */
  fallbackReason?: string;
  /** UDP: the receive buffer the OS granted (Linux reports twice the size asked for, capped by rmem_max). */
  recvBufferBytes?: number;
  close(): Promise<void>;
  /** UDP on Linux: datagrams the kernel dropped for this socket; undefined where unknown. */
  kernelDrops?(): number | undefined;
}

function portProblem(error: NodeJS.ErrnoException, transport: Transport, spec: ListenSpec): string {
  const where = `${transport.toUpperCase()} port ${spec.port} on ${spec.host}`;
  if (error.code === 'EACCES')
    return `${where} needs administrator rights here (ports below 1024 are privileged)`;
  if (error.code === 'EADDRINUSE') return `${where} is in use by another program (another syslog service?)`;
  if (error.code === 'EADDRNOTAVAIL') return `${where}: this machine has no address ${spec.host}`;
  return `${where}: ${error.message}`;
}

async function withFallback<T>(
  transport: Transport,
  spec: ListenSpec,
  bind: (port: number) => Promise<T>,
): Promise<{ bound: T; fallbackReason?: string }> {
  try {
    return { bound: await bind(spec.port) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem = portProblem(error as NodeJS.ErrnoException, transport, spec);
    if (spec.fallbackPort === undefined || (code !== 'EACCES' && code !== 'EADDRINUSE'))
      throw new Error(problem, { cause: error });
    try {
      return {
        bound: await bind(spec.fallbackPort),
        fallbackReason: `${problem}: listening on port ${spec.fallbackPort} instead`,
      };
    } catch (second) {
      throw new Error(`${problem}, and ${portProblem(second as NodeJS.ErrnoException, transport, { ...spec, port: spec.fallbackPort })}`, { cause: second }); // prettier-ignore
    }
  }
}

function udpFd(socket: UdpSocket): number | undefined {
  // Node keeps the handle under a private symbol; its fd leads to the socket's inode in /proc.
  const state = Object.getOwnPropertySymbols(socket)
    .filter((symbol) => String(symbol) === 'Symbol(state symbol)')
    .map((symbol) => (socket as unknown as Record<symbol, { handle?: { fd?: number } }>)[symbol])[0];
  const fd = state?.handle?.fd;
  return typeof fd === 'number' && fd >= 0 ? fd : undefined;
}

export async function listenUdp(
  spec: ListenSpec,
  recvBufferBytes: number,
  onMessage: (message: Buffer, remote: RemoteInfo) => void,
): Promise<BoundListener> {
  const { bound: socket, fallbackReason } = await withFallback('udp', spec, (port) => {
    const socket = createSocket({ type: isIPv6(spec.host) ? 'udp6' : 'udp4' });
    return new Promise<UdpSocket>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(port, spec.host, () => {
        socket.off('error', reject);
        resolve(socket);
      });
    });
  });
  socket.on('message', onMessage);
  socket.on('error', () => {}); // per-datagram errors (ICMP) must not end the listener
  let granted: number | undefined;
  try {
    socket.setRecvBufferSize(recvBufferBytes);
  } catch {
    // the OS refused the size: keep its default and report it
  }
  try {
    granted = socket.getRecvBufferSize();
  } catch {
    granted = undefined;
  }
  const fd = udpFd(socket);
  const inode = fd === undefined ? undefined : socketInode(fd);
  const address = socket.address();
  let open = true;
  let lastDrops: number | undefined;
  return {
    transport: 'udp',
    address: address.address,
    port: address.port,
    ...(fallbackReason ? { fallbackReason } : {}),
    ...(granted !== undefined ? { recvBufferBytes: granted } : {}),
    kernelDrops: () => {
      // After close the row is gone from /proc: keep reporting the last figure.
      if (open) lastDrops = readKernelDrops(inode);
      return lastDrops;
    },
    close: () =>
      new Promise<void>((resolve) => {
        lastDrops = readKernelDrops(inode);
        open = false;
        socket.close(() => resolve());
      }),
  };
}

export async function listenStream(
  transport: 'tcp' | 'tls',
  spec: ListenSpec,
  options: { tls?: TlsOptions; maxConnections: number },
  onConnection: (socket: Socket) => void,
): Promise<BoundListener> {
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    onConnection(socket);
  };
  const { bound: server, fallbackReason } = await withFallback(transport, spec, (port) => {
    const server: Server =
      transport === 'tls' ? createTlsServer(options.tls ?? {}, track) : createServer(track);
    server.maxConnections = options.maxConnections;
    // A TLS handshake that fails (wrong protocol, scanner) is the client's problem, not ours.
    server.on('tlsClientError', () => {});
    return new Promise<Server>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port, host: spec.host, backlog: 4096 }, () => {
        server.off('error', reject);
        resolve(server);
      });
    });
  });
  const address = server.address() as { address: string; port: number };
  return {
    transport,
    address: address.address,
    port: address.port,
    ...(fallbackReason ? { fallbackReason } : {}),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
