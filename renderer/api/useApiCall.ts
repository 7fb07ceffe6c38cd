// Runs one API call for a component: tracks "busy" for its button and keeps the failure, with
// the moment it arrived so a lock-out can count down.
import { useCallback, useState } from 'react';
import type { ApiError, Result } from '../../electron/api/contract.ts';

export interface Failure {
  error: ApiError;
  receivedAt: number;
}

export function toFailure(error: ApiError): Failure {
  return { error, receivedAt: Date.now() };
}

export function useApiCall() {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | undefined>();

  const run = useCallback(async function runCall<T>(call: () => Promise<Result<T>>): Promise<T | undefined> {
    setBusy(true);
    setFailure(undefined);
    try {
      const result = await call();
      if (result.ok) return result.value;
      setFailure(toFailure(result.error));
    } catch (error) {
      // The transports never throw; this is a bug, shown rather than swallowed.
      setFailure(toFailure({ code: 'internal', message: String(error) }));
    } finally {
      setBusy(false);
    }
    return undefined;
  }, []);

  const clear = useCallback(() => setFailure(undefined), []);
  return { busy, failure, run, clear };
}
