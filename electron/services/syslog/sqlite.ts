// node:sqlite (Node 22) prints "ExperimentalWarning: SQLite is an experimental feature" once per
// process (and per worker). The index is ours to choose and the module works as we use it, so that
// one warning is filtered; every other warning still goes through. The module is loaded lazily,
// after the filter is in place (a static import would load it first).
import type * as Sqlite from 'node:sqlite';

let loaded: typeof Sqlite | undefined;

function filterSqliteWarning(): void {
  const emit = process.emitWarning;
  process.emitWarning = function (warning: string | Error, ...rest: unknown[]) {
    const text = typeof warning === 'string' ? warning : warning.message;
    const type = typeof rest[0] === 'string' ? rest[0] : (rest[0] as { type?: string } | undefined)?.type;
    const name = typeof warning === 'string' ? type : warning.name;
    if (name === 'ExperimentalWarning' && /SQLite/.test(text)) return;
    return (emit as (...args: unknown[]) => void).call(process, warning, ...rest);
  } as typeof process.emitWarning;
}

export async function loadSqlite(): Promise<typeof Sqlite> {
  if (!loaded) {
    filterSqliteWarning();
    loaded = await import('node:sqlite');
  }
  return loaded;
}

export type { DatabaseSync, StatementSync } from 'node:sqlite';
