// The overview of one engine and its connections, derived from what the monitor remembers: OK /
// warning / down / unknown with a cause and a fix per issue. Pure: memory, settings and now in.
import type {
  ConnectionHealth,
  EngineHealth,
  HealthIssue,
  HealthSettings,
  HealthState,
  TargetHealth,
} from '../../api/health-views.ts';
import type { Connection } from '../../../sbc-engine/config/schema/connections.ts';
import {
  combineTargetStates,
  deriveTargetState,
  withIssues,
  worseState,
  worstFirst,
  type TargetObservation,
} from './derive-state.ts';
import {
  iso,
  key,
  parseTime,
  type ConnectionStatus,
  type EngineMemory,
  type ProbeMemory,
} from './engine-memory.ts';
import {
  callsAtLimit,
  engineUnreachable,
  optionsDisabled,
  ownCertificate,
  peerCertificate,
  probeVerdict,
  registrationFailed,
} from './issue-texts.ts';
export function engineHealth(mem: EngineMemory, now: number, settings: HealthSettings): EngineHealth {
  const certificates = mem.status?.certificates ?? [];
  const issues: HealthIssue[] = [];
  if (!mem.reachable) issues.push(engineUnreachable(mem.lastError ?? 'no answer'));
  for (const cert of certificates) {
    if (cert.daysLeft <= settings.certificateWarningDays)
      issues.push(ownCertificate(cert.label, cert.daysLeft));
  }
  const connections = (mem.connections?.connections ?? []).map((c) =>
    connectionHealth(mem, c, now, settings),
  );
  let state: HealthState = connections.length ? 'ok' : 'unknown';
  for (const c of connections) state = worseState(state, c.state);
  if (connections.every((c) => c.state === 'unknown') && connections.length) state = 'unknown';
  state = mem.reachable ? withIssues(state, issues) : 'unknown';
  return {
    engineId: mem.engineId,
    name: mem.name,
    address: mem.address,
    state,
    reachable: mem.reachable,
    lastPollAt: iso(mem.lastPollAt),
    lastError: mem.lastError,
    certificates,
    connections,
    issues: worstFirst(issues),
  };
}

function connectionHealth(
  mem: EngineMemory,
  status: ConnectionStatus,
  now: number,
  settings: HealthSettings,
): ConnectionHealth {
  const thresholds = { downAfterMs: settings.downAfterSeconds * 1000, slowMs: settings.slowMs };
  const config: Connection | undefined = mem.config?.connections.find((c) => c.id === status.id);
  const targetIssues: HealthIssue[] = [];
  const otherIssues: HealthIssue[] = [];
  const probeStaleMs = 2 * settings.probeMinutes * 60 * 1000;
  const targets: TargetHealth[] = status.options.targets.map((target) => {
    const memory = mem.targets.get(key(status.id, target.target)) ?? {
      lastAnswerAt: null,
      watchingSince: now,
      nextProbeAt: now,
    };
    const observation: TargetObservation = {
      target: target.target,
      engineState: mem.reachable ? target.state : 'unknown',
      lastCode: target.lastCode,
      refusing: target.refusing,
      rttMs: target.rttMs,
      lastError: target.lastError,
      lastChangeMs: parseTime(target.lastChange),
    };
    const derived = deriveTargetState(observation, memory, now, thresholds);
    targetIssues.push(...derived.issues);
    const probe = memory.probe && now - memory.probe.at <= probeStaleMs ? memory.probe : undefined;
    if (probe && probe.severity !== 'ok' && derived.state !== 'down') {
      otherIssues.push(probeVerdict(target.target, probe.code, probe.severity, probe.message));
    }
    if (probe?.peerDaysLeft != null && probe.peerDaysLeft <= settings.certificateWarningDays) {
      otherIssues.push(peerCertificate(target.target, probe.peerDaysLeft));
    }
    return {
      target: target.target,
      state: derived.state,
      engineState: target.state,
      lastCode: target.lastCode,
      rttMs: target.rttMs,
      lastAnswerAt: iso(memory.lastAnswerAt),
      probe: memory.probe
        ? {
            at: new Date(memory.probe.at).toISOString(),
            code: memory.probe.code,
            severity: memory.probe.severity,
            message: memory.probe.message,
            tlsVersion: memory.probe.tlsVersion,
            peerCertificateDaysLeft: memory.probe.peerDaysLeft,
          }
        : null,
    };
  });
  let state = combineTargetStates(targets.map((t) => t.state));
  if (!status.options.enabled) {
    otherIssues.push(optionsDisabled());
    state = 'unknown';
  }
  const registration = status.registration;
  if (registration?.state === 'failed') {
    otherIssues.push(registrationFailed(registration.registrar, registration.reason, registration.detail));
  }
  const refused = mem.refusedSinceLastPoll.get(status.id) ?? 0;
  const limit = config?.maxConcurrentCalls ?? null;
  if (refused > 0 && limit !== null) otherIssues.push(callsAtLimit(refused, limit));

  const tlsTargets = status.options.targets.filter((t) => t.target.startsWith('tls:'));
  const tlsProbes = tlsTargets
    .map((t) => mem.targets.get(key(status.id, t.target))?.probe)
    .filter((p): p is ProbeMemory => p !== undefined);
  const profile = mem.config?.tlsProfiles.find((p) => p.id === (config?.tlsProfile ?? 'default'));
  const ownId = profile?.ownCertificate ?? null;
  const own = ownId ? mem.status?.certificates.find((c) => c.id === ownId) : undefined;
  const peerDays = tlsProbes.reduce<number | null>(
    (min, p) =>
      p.peerDaysLeft === null ? min : min === null ? p.peerDaysLeft : Math.min(min, p.peerDaysLeft),
    null,
  );
  const tlsState: ConnectionHealth['tls']['state'] = !tlsTargets.length
    ? 'not-used'
    : !tlsProbes.length
      ? 'unknown'
      : tlsProbes.every((p) => p.verified === true)
        ? 'verified'
        : 'failed';
  return {
    engineId: mem.engineId,
    connectionId: status.id,
    name: status.name,
    state: withIssues(state, otherIssues),
    optionsEnabled: status.options.enabled,
    intervalSeconds: status.options.intervalSeconds,
    targets,
    tls: {
      used: tlsTargets.length > 0,
      state: tlsState,
      version: tlsProbes.find((p) => p.tlsVersion)?.tlsVersion ?? null,
      ownCertificateDaysLeft: own ? own.daysLeft : null,
      peerCertificateDaysLeft: peerDays,
    },
    registration: registration
      ? { state: registration.state, detail: registration.detail, lastCode: registration.lastCode }
      : null,
    // The engine does not report active calls yet; the limit comes from the configuration.
    calls: { active: null, limit },
    issues: worstFirst([...targetIssues, ...otherIssues]),
  };
}
