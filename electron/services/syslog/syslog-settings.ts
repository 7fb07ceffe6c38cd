// Where the app's receiver listens, kept in the app's settings store under "syslog". Defaults follow
// the field (UDP and TCP 514 on every address, moving to an unprivileged port with a message where
// 514 cannot be bound). SBC_STUDIO_SYSLOG_UDP / SBC_STUDIO_SYSLOG_TCP ("HOST:PORT", comma-separated,
// or "off") override the stored listeners for one run: tests and headless hosts pick ports that way.
import { formatHostPort, parseHostPort } from '../../../sbc-engine/config/host-port.ts';
import type { SettingsStore } from '../settings/settings-store.ts';

export const SYSLOG_SETTINGS_KEY = 'syslog';
export const DEFAULT_SYSLOG_PORT = 514;

export interface SyslogSettings {
  /** "HOST:PORT" per listener. */
  udp: string[];
  tcp: string[];
  /** Start the receiver with the app. */
  autoStart: boolean;
  retentionDays?: number;
  maxSizeMb?: number;
}

export const DEFAULT_SYSLOG_SETTINGS: SyslogSettings = {
  udp: [`0.0.0.0:${DEFAULT_SYSLOG_PORT}`],
  tcp: [`0.0.0.0:${DEFAULT_SYSLOG_PORT}`],
  autoStart: true,
};

/** Checks one "HOST:PORT"; the normalised text, or an error naming the field. */
export function checkListen(text: string, field: string): string {
  const parsed = parseHostPort(text.trim(), DEFAULT_SYSLOG_PORT);
  if (!parsed.ok) throw new Error(`${field}: ${parsed.error}`);
  return formatHostPort(parsed.value);
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

export function readSyslogSettings(store: SettingsStore): SyslogSettings {
  const saved = store.get(SYSLOG_SETTINGS_KEY) as Partial<SyslogSettings> | undefined;
  const settings: SyslogSettings = { ...DEFAULT_SYSLOG_SETTINGS };
  if (saved && typeof saved === 'object') {
    if (isStringList(saved.udp)) settings.udp = saved.udp;
    if (isStringList(saved.tcp)) settings.tcp = saved.tcp;
    if (typeof saved.autoStart === 'boolean') settings.autoStart = saved.autoStart;
    if (typeof saved.retentionDays === 'number') settings.retentionDays = saved.retentionDays;
    if (typeof saved.maxSizeMb === 'number') settings.maxSizeMb = saved.maxSizeMb;
  }
  return settings;
}

/** The listeners of one transport from the environment: undefined = not overridden, [] = off. */
function fromEnv(value: string | undefined, name: string): string[] | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (value.trim() === 'off') return [];
  return value.split(',').map((item) => checkListen(item, name));
}

/** The settings in effect: stored ones with the environment's overrides on top. */
export function effectiveSyslogSettings(store: SettingsStore, env: NodeJS.ProcessEnv): SyslogSettings {
  const settings = readSyslogSettings(store);
  const udp = fromEnv(env.SBC_STUDIO_SYSLOG_UDP, 'SBC_STUDIO_SYSLOG_UDP');
  const tcp = fromEnv(env.SBC_STUDIO_SYSLOG_TCP, 'SBC_STUDIO_SYSLOG_TCP');
  return { ...settings, ...(udp ? { udp } : {}), ...(tcp ? { tcp } : {}) };
}

/** `sbc-studio syslog` arguments for these settings and data folder. */
export function receiverArgs(settings: SyslogSettings, dir: string): string[] {
  const args = ['--dir', dir];
  for (const spec of settings.udp) args.push('--udp', spec);
  for (const spec of settings.tcp) args.push('--tcp', spec);
  if (settings.retentionDays) args.push('--retention-days', String(settings.retentionDays));
  if (settings.maxSizeMb) args.push('--max-size-mb', String(settings.maxSizeMb));
  return args;
}
