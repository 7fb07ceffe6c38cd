// The one door from either transport (Electron IPC, browser-mode WebSocket) into the services:
// look the method up in the contract, parse the input, call the handler, check the output.
import type { z } from 'zod';
import { contract, type Contract, type MethodName, type Output, type Result } from '../api/contract.ts';
import { ServiceError } from './service-error.ts';

export type Handlers = {
  [M in MethodName]: (input: z.output<Contract[M]['input']>) => Promise<Output<M>>;
};

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

export async function dispatch(
  handlers: Handlers,
  method: unknown,
  rawInput: unknown,
  log: (line: string) => void = () => {},
): Promise<Result<unknown>> {
  if (!isMethodName(method)) {
    return {
      ok: false,
      error: { code: 'invalid-input', message: `Unknown API method: ${String(method).slice(0, 80)}` },
    };
  }
  const entry = contract[method];
  const parsed = entry.input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.');
    return {
      ok: false,
      error: {
        code: 'invalid-input',
        message: field ? `${field}: ${issue.message}` : issue.message,
        ...(field ? { field } : {}),
      },
    };
  }
  try {
    const handler = handlers[method] as (input: unknown) => Promise<unknown>;
    const value = entry.output.parse(await handler(parsed.data));
    return { ok: true, value };
  } catch (error) {
    if (error instanceof ServiceError) return { ok: false, error: error.toApiError() };
    log(`[api] ${method} failed: ${(error as Error).stack ?? String(error)}`);
    return { ok: false, error: { code: 'internal', message: `${method} failed unexpectedly; see the log.` } };
  }
}
