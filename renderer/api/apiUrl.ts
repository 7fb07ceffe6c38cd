/**
 * The API socket sits beside the page: the page lives at /s/<token>/ and the socket at
 * /s/<token>/api, so the token never needs a cookie (see electron/host/browser-host.ts).
 */
export function browserApiUrl(location: { protocol: string; host: string; pathname: string }): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const base = location.pathname.replace(/[^/]*$/, '');
  return `${scheme}://${location.host}${base}api`;
}
