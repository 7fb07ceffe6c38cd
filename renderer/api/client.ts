// The one way the UI reaches SBC Studio: window.sbc in the desktop app (built by the preload from
// the contract), or the same API over the browser-mode host's WebSocket.
import type { SbcApi } from '../../electron/api/contract.ts';
import { createApiProxy } from './apiProxy.ts';
import { createSocketTransport, type SocketLike } from './socketTransport.ts';

declare global {
  interface Window {
    sbc?: SbcApi;
  }
}

/** ws(s)://host/api?token=… for the page's own address (see electron/host/browser-host.ts). */
export function browserApiUrl(location: { protocol: string; host: string; search: string }): string {
  const token = new URLSearchParams(location.search).get('token');
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  // Without a token in the address the host still accepts the cookie it set on the first load.
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  return `${scheme}://${location.host}/api${query}`;
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
