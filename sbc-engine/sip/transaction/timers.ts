// RFC 3261 §17 timers (summary in Table 4 of RFC 3261 §A). T1, T2 and T4 are configurable; the
// lettered timers derive from them and from whether the transport is reliable.

export interface TimerConfig {
  /** RTT estimate (§17.1.1.1). */
  t1: number;
  /** Cap on the retransmit interval of non-INVITE requests and INVITE responses (§17.1.2.2). */
  t2: number;
  /** Longest time a message may stay in the network (§17.1.2.2). */
  t4: number;
  /** Timer D over unreliable transports: "at least 32 s" (§17.1.1.2), independent of T1. */
  timerDUnreliable: number;
  /** Timer C, proxy INVITE timeout: "greater than 3 minutes" (§16.6 bullet 11). */
  timerC: number;
}

export const DEFAULT_TIMER_CONFIG: Readonly<TimerConfig> = Object.freeze({
  t1: 500,
  t2: 4000,
  t4: 5000,
  timerDUnreliable: 32_000,
  timerC: 180_000,
});

export type TimerName =
  | 'timerA'
  | 'timerB'
  | 'timerC'
  | 'timerD'
  | 'timerE'
  | 'timerF'
  | 'timerG'
  | 'timerH'
  | 'timerI'
  | 'timerJ'
  | 'timerK';

export const TIMER_NAMES: readonly TimerName[] = [
  'timerA',
  'timerB',
  'timerC',
  'timerD',
  'timerE',
  'timerF',
  'timerG',
  'timerH',
  'timerI',
  'timerJ',
  'timerK',
];

export function timerConfig(overrides: Partial<TimerConfig> = {}): TimerConfig {
  const config = { ...DEFAULT_TIMER_CONFIG, ...overrides };
  for (const [name, value] of Object.entries(config)) {
    if (!Number.isFinite(value) || value <= 0)
      throw new RangeError(`${name} must be a positive number of ms`);
  }
  if (config.t2 < config.t1) throw new RangeError('T2 must not be shorter than T1 (RFC 3261 §17.1.2.2)');
  return config;
}

/**
 * RFC 3261 §18: UDP is the unreliable transport; TCP, TLS, SCTP and the WebSocket transports
 * (RFC 7118) deliver reliably, so retransmission timers are not used over them.
 */
export function isReliableTransport(transport: string): boolean {
  return transport.toUpperCase() !== 'UDP';
}

/**
 * The initial duration of a timer in ms, or null where the RFC does not use it on this transport
 * (A, E and G retransmit over unreliable transports only). Zero means "fire at once".
 */
export function timerDuration(name: TimerName, config: TimerConfig, reliable: boolean): number | null {
  switch (name) {
    case 'timerA': // initially T1, INVITE request retransmit, UDP only (§17.1.1.2)
    case 'timerE': // initially T1, non-INVITE request retransmit, UDP only (§17.1.2.2)
    case 'timerG': // initially T1, INVITE final response retransmit, unreliable only (§17.2.1)
      return reliable ? null : config.t1;
    case 'timerB': // 64*T1, INVITE transaction timeout (§17.1.1.2)
    case 'timerF': // 64*T1, non-INVITE transaction timeout (§17.1.2.2)
    case 'timerH': // 64*T1, wait for ACK (§17.2.1)
      return 64 * config.t1;
    case 'timerC': // > 3 min, proxy INVITE timeout (§16.6)
      return config.timerC;
    case 'timerD': // >= 32 s for UDP, 0 for reliable: absorb response retransmits (§17.1.1.2)
      return reliable ? 0 : config.timerDUnreliable;
    case 'timerI': // T4 for UDP, 0 for reliable: absorb ACK retransmits (§17.2.1)
    case 'timerK': // T4 for UDP, 0 for reliable: absorb response retransmits (§17.1.2.2)
      return reliable ? 0 : config.t4;
    case 'timerJ': // 64*T1 for UDP, 0 for reliable: absorb request retransmits (§17.2.2)
      return reliable ? 0 : 64 * config.t1;
  }
}

/** The whole of Table 4 for one transport kind, e.g. for a diagnostics page. */
export function timerTable(config: TimerConfig, reliable: boolean): Record<TimerName, number | null> {
  return Object.fromEntries(
    TIMER_NAMES.map((name) => [name, timerDuration(name, config, reliable)]),
  ) as Record<TimerName, number | null>;
}

/** Next interval after a retransmission: doubled, capped at T2 where the RFC caps it. */
export function nextInterval(current: number, cap: number | null): number {
  return cap === null ? current * 2 : Math.min(current * 2, cap);
}
