// Per-connection call counters for GET /api/v1/calls/counters: attempts, answered and failures by
// final code, for calls coming in on a connection and calls sent to it, with ASR and NER.
// Pure bookkeeping.

export interface DirectionCounters {
  attempts: number;
  answered: number;
  /** Final status (or "timeout", "transport", "no-answer") -> count. */
  failures: Record<string, number>;
}

export interface ConnectionCallCounters {
  inbound: DirectionCounters;
  outbound: DirectionCounters;
}

// ITU-T E.425: besides answers, these outcomes are the user's doing, not the network's
// (busy, no answer, rejected, the caller gave up).
const USER_OUTCOMES = new Set(['486', '600', '480', '487', '603']);

function empty(): DirectionCounters {
  return { attempts: 0, answered: 0, failures: {} };
}

/** Answer-seizure ratio and network effectiveness ratio, 0..1; null before the first attempt. */
export function ratios(counters: DirectionCounters): { asr: number | null; ner: number | null } {
  if (counters.attempts === 0) return { asr: null, ner: null };
  let user = 0;
  for (const [code, count] of Object.entries(counters.failures)) if (USER_OUTCOMES.has(code)) user += count;
  return {
    asr: counters.answered / counters.attempts,
    ner: Math.min(1, (counters.answered + user) / counters.attempts),
  };
}

export class CallCounters {
  private readonly byConnection = new Map<string, ConnectionCallCounters>();

  of(connectionId: string): ConnectionCallCounters {
    let counters = this.byConnection.get(connectionId);
    if (!counters) {
      counters = { inbound: empty(), outbound: empty() };
      this.byConnection.set(connectionId, counters);
    }
    return counters;
  }

  attempt(connectionId: string, direction: 'inbound' | 'outbound'): void {
    this.of(connectionId)[direction].attempts++;
  }

  answered(connectionId: string, direction: 'inbound' | 'outbound'): void {
    this.of(connectionId)[direction].answered++;
  }

  failed(connectionId: string, direction: 'inbound' | 'outbound', outcome: string): void {
    const failures = this.of(connectionId)[direction].failures;
    failures[outcome] = (failures[outcome] ?? 0) + 1;
  }

  /** Drops the counters of connections no longer configured. */
  keepOnly(ids: ReadonlySet<string>): void {
    for (const id of [...this.byConnection.keys()]) if (!ids.has(id)) this.byConnection.delete(id);
  }
}
