// Builds an SbcApi from a single `call(method, input)` without loading the contract at run time
// (it carries zod, which the page does not need): `api.engines.setup(x)` calls 'engines.setup'.
import type { Result, SbcApi } from '../../electron/api/contract.ts';

export type CallMethod = (method: string, input: unknown) => Promise<Result<unknown>>;

// Names that must not become API calls: a Proxy that answered `then` would look like a promise
// to `await`, and React/devtools probe objects for these.
const NOT_METHODS = new Set(['then', 'toJSON', 'constructor', '$$typeof', 'prototype']);

export function createApiProxy(call: CallMethod): SbcApi {
  const areas = new Map<string, object>();
  return new Proxy(
    {},
    {
      get(_target, area) {
        if (typeof area !== 'string' || NOT_METHODS.has(area)) return undefined;
        let methods = areas.get(area);
        if (!methods) {
          methods = createArea(area, call);
          areas.set(area, methods);
        }
        return methods;
      },
    },
  ) as SbcApi;
}

function createArea(area: string, call: CallMethod): object {
  const verbs = new Map<string, (input?: unknown) => Promise<Result<unknown>>>();
  return new Proxy(
    {},
    {
      get(_target, verb) {
        if (typeof verb !== 'string' || NOT_METHODS.has(verb)) return undefined;
        let method = verbs.get(verb);
        if (!method) {
          const name = `${area}.${verb}`;
          method = function callApi(input?: unknown) {
            return call(name, input ?? {});
          };
          verbs.set(verb, method);
        }
        return method;
      },
    },
  );
}
