// What the monitor remembers of each engine between polls, shared by the service that fills it and
// the view derivation that reads it.
import type { EngineView } from '../../api/contract.ts';
import type { HealthState } from '../../api/health-views.ts';
import type { Config } from '../../../sbc-engine/config/schema/config.ts';
import type { DiagnosisCode } from '../../../sbc-engine/diag/diagnosis.ts';
import type { MgmtResponse, Status } from '../../../sbc-engine/mgmt/contract.ts';

export type ConnectionsStatus = MgmtResponse<'connectionsStatus'>;
export type ConnectionStatus = ConnectionsStatus['connections'][number];

export interface ProbeMemory {
  at: number;
  code: DiagnosisCode;
  severity: 'ok' | 'warning' | 'critical';
  message: string;
  tlsVersion: string | null;
  verified: boolean | null;
  peerDaysLeft: number | null;
}

export interface TargetMemory {
  lastAnswerAt: number | null;
  watchingSince: number;
  nextProbeAt: number;
  probe?: ProbeMemory;
}

export interface EngineMemory {
  engineId: string;
  name: string;
  address: string;
  reachable: boolean;
  lastPollAt: number | null;
  lastError: string | null;
  status?: Status;
  connections?: ConnectionsStatus;
  config?: Config;
  listening: EngineView['identity'] extends infer I ? (I extends { sipListen: infer L } ? L : never) : never;
  targets: Map<string, TargetMemory>;
  refused: Map<string, number>;
  refusedSinceLastPoll: Map<string, number>;
  connectionStates: Map<string, HealthState>;
  certificatesNotified: Set<string>;
}

export function key(connectionId: string, target: string): string {
  return `${connectionId}\u0000${target}`;
}

export function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

export function parseTime(text: string | null): number | null {
  if (!text) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}
