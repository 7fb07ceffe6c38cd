// The one-line title of a list item (a connection, a route, a target), from the fields an admin
// recognises it by.
const TITLE_FIELDS = ['name', 'id', 'label', 'host', 'match', 'transport'];

export function itemSummary(value: unknown): string {
  if (value === null || typeof value !== 'object') return value === undefined ? '' : String(value);
  const record = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of TITLE_FIELDS) {
    const field = record[key];
    if (typeof field === 'string' && field && !parts.includes(field)) parts.push(field);
    if (parts.length === 2) break;
  }
  if (typeof record.host === 'string' && typeof record.port === 'number') {
    return `${record.transport ?? ''} ${record.host}:${record.port}`.trim();
  }
  if (typeof record.transport === 'string' && typeof record.port === 'number') {
    return `${record.transport} ${typeof record.address === 'string' ? record.address : ''}:${record.port}`;
  }
  return parts.join(' · ');
}
