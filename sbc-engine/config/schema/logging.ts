// Logging: where the engine sends syslog (RFC 5424) and what it traces.
import { z } from 'zod';
import { Host, Port, wholeNumber } from './primitives.ts';

/** RFC 5424 §6.2.1 severities, most severe first. */
export const SEVERITIES = [
  'emergency',
  'alert',
  'critical',
  'error',
  'warning',
  'notice',
  'info',
  'debug',
] as const;
export const Severity = z.enum(SEVERITIES);

/** RFC 5612's enterprise number for documentation, until the operator sets its own. */
export const DOCUMENTATION_ENTERPRISE_NUMBER = 32473;

export const SyslogTarget = z.strictObject({
  host: Host.nullable().default(null).describe('Syslog receiver; null = no syslog'),
  transport: z.enum(['udp', 'tcp']).default('udp'),
  port: Port.default(514),
  /** The number in the structured-data ids, e.g. [sbc@32473 ...] (RFC 5424 §7.2.2). */
  enterpriseNumber: wholeNumber(1, 4294967295).default(DOCUMENTATION_ENTERPRISE_NUMBER),
});

export const LogLevels = z.strictObject({
  system: Severity.default('info'),
  sip: Severity.default('info'),
  media: Severity.default('info'),
  management: Severity.default('info'),
});

export const LoggingSection = z.strictObject({
  syslog: SyslogTarget.prefault({}),
  levels: LogLevels.prefault({}),
  /** Full SIP messages in the log. */
  sipTrace: z.boolean().default(false),
  /** OPTIONS are traced apart: at one a minute per peer they would drown the calls. */
  optionsTrace: z.boolean().default(false),
});

export type LoggingSection = z.infer<typeof LoggingSection>;
