// Main's side of window.sbc: one ipcMain.handle per contract entry, each guarded by a check of the
// sending frame, then the same dispatch() the browser-mode host uses (schema-parsed input, typed
// Result, never a thrown service error). Electron objects are passed in, so a test drives this
// with a fake ipcMain.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { contract, IPC_CHANNEL_PREFIX, type MethodName } from './api/contract.ts';
import { dispatch, type Handlers } from './services/dispatch.ts';
import { isTrustedSenderUrl } from './security.ts';

export function channelFor(method: MethodName): string {
  return IPC_CHANNEL_PREFIX + method;
}

/**
 * Only the top frame of the app's own page may call main. A missing frame (navigated away or
 * destroyed mid-call) is refused too. Checklist #17 of the Electron security guide.
 */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  if (frame.parent !== null) return false;
  return isTrustedSenderUrl(frame.url);
}

/**
 * Registers every method of the contract. Iterating the contract table (not the handlers) means
 * a channel cannot be missing; `Handlers` being a full Record means a handler cannot be missing.
 * Returns a function that removes the handlers again.
 */
export function registerIpcHandlers(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  handlers: Handlers,
  log: (line: string) => void,
): () => void {
  const methods = Object.keys(contract) as MethodName[];
  for (const method of methods) {
    ipcMain.handle(channelFor(method), async (event, input: unknown) => {
      if (!isTrustedSender(event)) {
        const url = event.senderFrame?.url ?? 'a destroyed frame';
        log(`[ipc] refused ${method} from ${url.slice(0, 200)}`);
        // A rejection, not a Result: this is not a user error but a page that must not talk to us.
        throw new Error('Refused: this call did not come from SBC Studio’s own window.');
      }
      return dispatch(handlers, method, input, log);
    });
  }
  return function unregisterIpcHandlers(): void {
    for (const method of methods) ipcMain.removeHandler(channelFor(method));
  };
}
