// Builds window.sbc from the contract table: 'engines.setup' becomes sbc.engines.setup(input).
// Pure (the transport is passed in), so the preload stays three lines and this is tested in
// plain Node. Only verbs are exposed: no generic send(channel), no sendSync.
import { contract, IPC_CHANNEL_PREFIX, type SbcApi } from './contract.ts';

export type Invoke = (channel: string, input: unknown) => Promise<unknown>;

export function buildSbcApi(invoke: Invoke): SbcApi {
  const api: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> = {};
  for (const method of Object.keys(contract)) {
    const parts = method.split('.');
    const [area, verb] = parts;
    if (parts.length !== 2 || !area || !verb) {
      throw new Error(`contract method '${method}' must be named 'area.verb'`);
    }
    const channel = IPC_CHANNEL_PREFIX + method;
    // Named after the method, so a stack trace says which call failed.
    const call = {
      [verb]: (input?: unknown) => invoke(channel, input ?? {}),
    }[verb]!;
    (api[area] ??= {})[verb] = call;
  }
  return api as unknown as SbcApi;
}
