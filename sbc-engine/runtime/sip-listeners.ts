// Which SIP sockets a config asks for, and how the open ones are brought in line with it without
// touching the ones that stay: a socket whose transport, address and port are unchanged keeps
// running, with every connection it accepted; only its TLS handshake settings change if its
// profile did. New sockets are bound first, so a port in use fails the apply before anything
// else has changed.
import { createSecureContext } from 'node:tls';
import type { ListenSpec } from '../config/listen-spec.ts';
import { canonicalAddress } from '../config/schema/ip-address.ts';
import type { Config } from '../config/schema/index.ts';
import {
  describeListener,
  listenerKey,
  type ListenerTls,
  type OpenListener,
  type SipService,
  type TlsMaterial,
} from './sip-service.ts';

export interface DesiredListener {
  /** Where the config asks for it, e.g. "voip.listeners[2]". */
  path: string;
  spec: ListenSpec;
  tls: ListenerTls | undefined;
}

/** A listener the config asks for cannot be had; `path` names the field to fix. */
export class ListenerProblem extends Error {
  readonly path: string;
  /** 'bind': the socket cannot be opened (port in use); 'tls': its TLS profile cannot be served. */
  readonly kind: 'bind' | 'tls';
  constructor(path: string, message: string, kind: 'bind' | 'tls') {
    super(message);
    this.path = path;
    this.kind = kind;
  }
}

export interface TlsSources {
  /** The SIP TLS choice (sip-tls.json) or the management certificate. */
  defaultMaterial(): TlsMaterial;
  /** A certificate store entry's key and chain; throws with a reason when it has no certificate. */
  storeMaterial(id: string): TlsMaterial;
}

/** The sockets `config` asks for, with the TLS material of each TLS listener resolved. */
export function desiredListeners(config: Config, sources: TlsSources): DesiredListener[] {
  const desired: DesiredListener[] = [];
  const seen = new Set<string>();
  const tlsByProfile = new Map<string, ListenerTls>();
  config.voip.listeners.forEach((listener, index) => {
    const spec: ListenSpec = {
      transport: listener.transport,
      host: canonicalAddress(listener.address),
      port: listener.port,
    };
    const key = listenerKey(spec);
    if (seen.has(key)) return; // the same socket listed twice is one socket
    seen.add(key);
    let tls: ListenerTls | undefined;
    if (listener.transport === 'tls' && listener.tlsProfile !== null) {
      const profileId = listener.tlsProfile;
      tls = tlsByProfile.get(profileId);
      if (!tls) {
        tls = resolveProfile(config, profileId, sources);
        tlsByProfile.set(profileId, tls);
      }
    }
    desired.push({ path: `voip.listeners[${index}]`, spec, tls });
  });
  return desired;
}

function resolveProfile(config: Config, id: string, sources: TlsSources): ListenerTls {
  const index = config.tlsProfiles.findIndex((profile) => profile.id === id);
  const profile = config.tlsProfiles[index];
  if (!profile) throw new ListenerProblem('voip.listeners', `no TLS profile "${id}"`, 'tls');
  let material: TlsMaterial;
  if (profile.ownCertificate === null) material = sources.defaultMaterial();
  else {
    try {
      material = sources.storeMaterial(profile.ownCertificate);
    } catch (error) {
      throw new ListenerProblem(
        `tlsProfiles[${index}].ownCertificate`,
        `the certificate of TLS profile "${id}" cannot be used: ${(error as Error).message}`,
        'tls',
      );
    }
  }
  const tls: ListenerTls = {
    material,
    minVersion: profile.minVersion,
    ciphers: profile.ciphers,
    followsDefault: profile.ownCertificate === null,
  };
  // OpenSSL is the judge of a cipher list; asking it now keeps a bad list from failing mid-apply.
  if (profile.ciphers.length) {
    try {
      createSecureContext({ minVersion: profile.minVersion, ciphers: profile.ciphers.join(':') });
    } catch (error) {
      throw new ListenerProblem(
        `tlsProfiles[${index}].ciphers`,
        `OpenSSL accepts none of these ciphers (${(error as Error).message})`,
        'tls',
      );
    }
  }
  return tls;
}

export interface ListenerPlan {
  open: DesiredListener[];
  close: OpenListener[];
  retls: { entry: OpenListener; tls: ListenerTls }[];
  keep: OpenListener[];
}

function sameTls(a: ListenerTls | undefined, b: ListenerTls | undefined): boolean {
  if (!a || !b) return a === b;
  return (
    a.material.key === b.material.key &&
    a.material.cert === b.material.cert &&
    a.minVersion === b.minVersion &&
    a.followsDefault === b.followsDefault &&
    a.ciphers.join(':') === b.ciphers.join(':')
  );
}

/** Compares open sockets with the wanted ones. Sockets from --sip are never closed or changed. */
export function planListeners(current: OpenListener[], desired: DesiredListener[]): ListenerPlan {
  const wanted = new Map(desired.map((listener) => [listenerKey(listener.spec), listener]));
  const plan: ListenerPlan = { open: [], close: [], retls: [], keep: [] };
  const have = new Map(current.map((entry) => [entry.key, entry]));
  for (const entry of current) {
    const want = wanted.get(entry.key);
    if (entry.pinned) plan.keep.push(entry);
    else if (!want) plan.close.push(entry);
    else if (entry.listener.transport === 'tls' && want.tls && !sameTls(entry.tls, want.tls)) {
      plan.retls.push({ entry, tls: want.tls });
    } else plan.keep.push(entry);
  }
  for (const [key, want] of wanted) if (!have.has(key)) plan.open.push(want);
  return plan;
}

export interface ListenerChange {
  opened: string[];
  closed: string[];
  kept: string[];
}

/** A plan whose new sockets are bound; commit() finishes it, rollback() puts everything back. */
export interface PreparedListeners {
  commit(): Promise<ListenerChange>;
  rollback(): Promise<void>;
}

function isAddressInUse(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL';
}

function bindProblem(listener: DesiredListener, error: unknown): ListenerProblem {
  const code = (error as NodeJS.ErrnoException).code;
  const socket = describeListener(listener.spec);
  const reason =
    code === 'EADDRINUSE'
      ? 'the port is in use by another program'
      : code === 'EACCES'
        ? 'the engine may not bind this port (ports below 1024 need privileges)'
        : code === 'EADDRNOTAVAIL'
          ? 'this computer has no such address'
          : (error as Error).message;
  return new ListenerProblem(listener.path, `cannot listen on ${socket}: ${reason}`, 'bind');
}

/**
 * Binds the sockets the plan opens. A socket that collides with one the plan closes anyway
 * (0.0.0.0:5060 becoming 192.0.2.1:5060) is bound after closing that one. When any bind fails,
 * every socket is back as it was and a ListenerProblem names the listener; with `skip`, a socket that
 * cannot be bound is reported to it and left out instead (boot, and the automatic revert, must go on).
 */
export async function prepareListeners(
  sip: SipService,
  plan: ListenerPlan,
  skip?: (problem: ListenerProblem) => void,
): Promise<PreparedListeners> {
  const opened: string[] = [];
  const closedEarly: OpenListener[] = [];
  const undo = async () => {
    for (const key of opened) await sip.close(key);
    for (const entry of closedEarly) {
      await sip
        .open(
          { transport: entry.listener.transport, host: entry.listener.host, port: entry.listener.port },
          entry.tls,
          false,
        ) // prettier-ignore
        .catch(() => undefined); // the old port was taken meanwhile: nothing better to do than go on
    }
  };
  const later: { listener: DesiredListener; error: unknown }[] = [];
  const failed = new Set<DesiredListener>();
  const fail = (problem: ListenerProblem, listener: DesiredListener) => {
    if (!skip) throw problem;
    skip(problem);
    failed.add(listener);
  };
  try {
    for (const listener of plan.open) {
      try {
        opened.push((await sip.open(listener.spec, listener.tls, false)).key);
      } catch (error) {
        if (isAddressInUse(error)) later.push({ listener, error });
        else fail(bindProblem(listener, error), listener);
      }
    }
    for (const { listener, error } of later) {
      const conflicting = plan.close.filter(
        (entry) =>
          entry.listener.port === listener.spec.port &&
          (entry.listener.transport === 'udp') === (listener.spec.transport === 'udp') &&
          !closedEarly.includes(entry),
      );
      if (conflicting.length === 0) {
        fail(bindProblem(listener, error), listener);
        continue;
      }
      for (const entry of conflicting) {
        await sip.close(entry.key);
        closedEarly.push(entry);
      }
      try {
        opened.push((await sip.open(listener.spec, listener.tls, false)).key);
      } catch (retryError) {
        fail(bindProblem(listener, retryError), listener);
      }
    }
  } catch (error) {
    await undo();
    throw error;
  }
  return {
    async commit() {
      for (const { entry, tls } of plan.retls) sip.retls(entry.key, tls);
      for (const entry of plan.close) if (!closedEarly.includes(entry)) await sip.close(entry.key);
      const describe = (entry: OpenListener) => describeListener(entry.listener);
      return {
        opened: plan.open.filter((listener) => !failed.has(listener)).map((l) => describeListener(l.spec)),
        closed: plan.close.map(describe),
        kept: [...plan.keep, ...plan.retls.map(({ entry }) => entry)].map(describe),
      };
    },
    rollback: undo,
  };
}

/** What the config service needs of the SIP sockets. */
export interface ListenerControl {
  /** Binds what `config` adds; throws ListenerProblem (nothing changed) unless `lenient`. */
  prepare(config: Config, lenient?: boolean): Promise<PreparedListeners>;
}

export function createListenerControl(
  sip: SipService,
  sources: TlsSources,
  log: (line: string) => void,
): ListenerControl {
  return {
    async prepare(config, lenient = false) {
      const skip = (problem: ListenerProblem) =>
        log(`[sip] !!! ${problem.path}: ${problem.message}; the engine runs without this listener`);
      // Boot and the automatic revert serve the default certificate rather than no TLS at all.
      const forgiving: TlsSources = {
        defaultMaterial: () => sources.defaultMaterial(),
        storeMaterial(id) {
          try {
            return sources.storeMaterial(id);
          } catch (error) {
            log(`[sip/tls] !!! certificate ${id} cannot be used (${(error as Error).message}); serving the default SIP TLS certificate`); // prettier-ignore
            return sources.defaultMaterial();
          }
        },
      };
      let desired: DesiredListener[];
      try {
        desired = desiredListeners(config, lenient ? forgiving : sources);
      } catch (error) {
        if (!lenient || !(error instanceof ListenerProblem)) throw error;
        skip(error);
        // The TLS listeners are what failed: keep the others.
        const withoutTls = { ...config, voip: { ...config.voip, listeners: config.voip.listeners.filter((l) => l.transport !== 'tls') } }; // prettier-ignore
        desired = desiredListeners(withoutTls, forgiving);
      }
      return prepareListeners(sip, planListeners(sip.openListeners(), desired), lenient ? skip : undefined);
    },
  };
}
