// The sender's channels on real sockets: a connected UDP socket (one message per datagram), or a
// TCP connection with keepalive and a connect timeout, so a silent target is noticed.
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { lookup } from 'node:dns';
import { connect, isIP } from 'node:net';
import { hostname } from 'node:os';
import { createNodeTimerHost } from '../transport/node-timer-host.ts';
import { PLACEHOLDER_ENTERPRISE_NUMBER } from './format.ts';
import type { Facility } from './priority.ts';
import { SyslogSender, type ChannelEvents, type SyslogChannel, type SyslogIo } from './sender.ts';
import type { SyslogTarget } from './target.ts';

const CONNECT_TIMEOUT_MS = 10_000;
/** After close(), how long an unanswered TCP shutdown may hold the socket. */
const CLOSE_WAIT_MS = 2000;

function openUdp(target: SyslogTarget, events: ChannelEvents): SyslogChannel {
  let socket: UdpSocket | undefined;
  let closed = false;
  const start = (address: string, family: number) => {
    if (closed) return;
    socket = createSocket(family === 6 ? 'udp6' : 'udp4');
    socket.on('error', (error) => events.onClose(error));
    // Connected: the kernel picks the source once, and an ICMP "port unreachable" comes back as
    // ECONNREFUSED on a later send, which the sender counts.
    socket.connect(target.port, address, () => events.onOpen());
  };
  const family = isIP(target.host);
  if (family) start(target.host, family);
  else
    lookup(target.host, (error, address, found) => {
      if (closed) return;
      if (error) events.onClose(new Error(`cannot resolve ${target.host}: ${error.code ?? error.message}`));
      else start(address, found);
    });
  return {
    write(frame, done) {
      socket!.send(frame, (error) => done(error ?? undefined));
      return true;
    },
    close() {
      closed = true;
      try {
        socket?.close();
      } catch {
        // already closed
      }
    },
  };
}

function openTcp(target: SyslogTarget, events: ChannelEvents): SyslogChannel {
  const socket = connect({ host: target.host, port: target.port });
  let failure: Error | undefined;
  socket.setKeepAlive(true, 30_000);
  socket.setTimeout(CONNECT_TIMEOUT_MS, () =>
    socket.destroy(new Error(`no connection within ${CONNECT_TIMEOUT_MS / 1000} s`)),
  );
  socket.once('connect', () => {
    socket.setTimeout(0);
    events.onOpen();
  });
  socket.on('drain', () => events.onDrain());
  socket.on('error', (error) => (failure = error));
  socket.on('close', () => events.onClose(failure));
  // A syslog receiver has nothing to say; read and discard so its bytes never pile up.
  socket.on('data', () => {});
  return {
    write(frame, done) {
      return socket.write(frame, (error) => done(error ?? undefined));
    },
    close() {
      socket.end();
      setTimeout(() => socket.destroy(), CLOSE_WAIT_MS).unref();
    },
  };
}

export const nodeSyslogIo: SyslogIo = {
  open(target, events) {
    return target.transport === 'udp' ? openUdp(target, events) : openTcp(target, events);
  },
};

export interface NodeSenderOptions {
  log: (line: string) => void;
  enterpriseNumber?: string;
  facility?: Facility;
}

/** The engine's sender: this host's name, this process's id, real sockets and timers. */
export function createNodeSyslogSender(target: SyslogTarget, options: NodeSenderOptions): SyslogSender {
  return new SyslogSender({
    target,
    origin: {
      hostname: hostname(),
      procId: String(process.pid),
      enterpriseNumber: options.enterpriseNumber ?? PLACEHOLDER_ENTERPRISE_NUMBER,
      facility: options.facility ?? 'local0',
    },
    io: nodeSyslogIo,
    timers: createNodeTimerHost(),
    log: options.log,
  });
}
