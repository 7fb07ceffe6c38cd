// The one way the UI reaches SBC Studio: window.sbc in the desktop app (built by the preload from
// the contract), or the same API over the browser-mode host's WebSocket.
import type { SbcApi } from '../../electron/api/contract.ts';
import { browserApiUrl } from './apiUrl.ts';
import { createApiProxy } from './apiProxy.ts';
import { createSocketTransport, type SocketLike } from './socketTransport.ts';

declare global {
  interface Window {
    sbc?: SbcApi;
  }
}

let api: SbcApi | undefined;

export function getSbcApi(): SbcApi {
  if (api) return api;
  if (window.sbc) {
    api = window.sbc;
    return api;
  }
  const transport = createSocketTransport({
    url: browserApiUrl(window.location),
    createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
    setTimer: (callback, ms) => window.setTimeout(callback, ms),
    clearTimer: (timer) => window.clearTimeout(timer as number),
  });
  api = createApiProxy((method, input) => transport.call(method, input));
  return api;
}
