// The app's settings live in electron-store (desktop) or conf (browser mode): the same class
// family, so both satisfy this small interface and the services never know which one they have.
export interface SettingsStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

/** An in-memory store for tests; it implements the production interface. */
export class MemoryStore implements SettingsStore {
  private readonly values = new Map<string, unknown>();
  get(key: string): unknown {
    return structuredClone(this.values.get(key));
  }
  set(key: string, value: unknown): void {
    this.values.set(key, structuredClone(value));
  }
}
