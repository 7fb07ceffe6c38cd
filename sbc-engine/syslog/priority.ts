// RFC 5424 §6.2.1: the PRI part is facility * 8 + severity, written in decimal inside angle brackets.

/** Severity codes by the names syslog tools and rsyslog filters use. */
export const SEVERITIES = {
  emerg: 0,
  alert: 1,
  crit: 2,
  err: 3,
  warning: 4,
  notice: 5,
  info: 6,
  debug: 7,
} as const;
export type Severity = keyof typeof SEVERITIES;

/** Facility codes (RFC 5424 table 1); SBCs conventionally log to one of local0..local7. */
export const FACILITIES = {
  kern: 0,
  user: 1,
  mail: 2,
  daemon: 3,
  auth: 4,
  syslog: 5,
  lpr: 6,
  news: 7,
  uucp: 8,
  cron: 9,
  authpriv: 10,
  ftp: 11,
  ntp: 12,
  security: 13,
  console: 14,
  solaris: 15,
  local0: 16,
  local1: 17,
  local2: 18,
  local3: 19,
  local4: 20,
  local5: 21,
  local6: 22,
  local7: 23,
} as const;
export type Facility = keyof typeof FACILITIES;

export function priorityValue(facility: Facility, severity: Severity): number {
  return FACILITIES[facility] * 8 + SEVERITIES[severity];
}
