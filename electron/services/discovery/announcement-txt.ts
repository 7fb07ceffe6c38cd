// Reads an engine's DNS-SD announcement (format: sbc-engine/discovery/DISCOVERY.md). The app keeps
// its own copy of the few names, as it does not load engine runtime code; a unit test checks that
// it reads what the engine writes.
export const SERVICE_NAME = 'sbc-studio';
export const SERVICE_TYPE = `_${SERVICE_NAME}._tcp`;

export interface Announcement {
  id: string;
  version: string;
  provisioned: boolean;
  mgmtPort: number;
  fingerprintPrefix: string;
}

export type AnnouncementResult = { ok: true; value: Announcement } | { ok: false; error: string };

const FINGERPRINT_PREFIX = /^[0-9A-F]{2}(:[0-9A-F]{2}){3,31}$/;

/** TXT values as bonjour-service decodes them (strings, or true for a key without "="). */
export function parseAnnouncementTxt(
  txt: Record<string, unknown> | undefined,
  srvPort: number,
): AnnouncementResult {
  const text = (key: string) => (typeof txt?.[key] === 'string' ? (txt[key] as string) : undefined);
  const id = text('id');
  if (!id || id.length > 100) return { ok: false, error: 'TXT "id" is missing or too long' };
  const version = text('version') ?? '';
  if (version.length > 50) return { ok: false, error: 'TXT "version" is too long' };
  const prov = text('prov');
  if (prov !== '0' && prov !== '1') return { ok: false, error: 'TXT "prov" must be 0 or 1' };
  const mport = text('mport');
  const mgmtPort = mport === undefined ? srvPort : Number(mport);
  if (!/^\d{1,5}$/.test(mport ?? String(srvPort)) || mgmtPort < 1 || mgmtPort > 65535)
    return { ok: false, error: 'TXT "mport" is not a port number' };
  const fp = (text('fp') ?? '').toUpperCase();
  if (!FINGERPRINT_PREFIX.test(fp)) return { ok: false, error: 'TXT "fp" is not a fingerprint prefix' };
  return { ok: true, value: { id, version, provisioned: prov === '1', mgmtPort, fingerprintPrefix: fp } };
}
