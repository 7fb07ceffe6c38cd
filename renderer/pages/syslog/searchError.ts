// Points at the place in the query where the parser found a mistake: the query, and a caret
// under the character (positions count UTF-16 units from 0, as the parser reports them).
export function errorMarker(query: string, position: number): string {
  const at = Math.max(0, Math.min(position, query.length));
  return `${query}\n${' '.repeat(at)}^`;
}
