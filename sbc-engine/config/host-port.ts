// "host:port" as admins type it: a name, an IPv4 address, or an IPv6 address in brackets.
export interface HostPort {
  host: string;
  port: number;
}

export type HostPortResult = { ok: true; value: HostPort } | { ok: false; error: string };

const HOSTNAME =
  /^(?=.{1,253}$)[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*\.?$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^[0-9a-fA-F:.]+(%[\w.-]+)?$/;

export function parseHostPort(text: string, defaultPort?: number): HostPortResult {
  const input = text.trim();
  if (!input) return { ok: false, error: 'address is empty' };
  let host: string;
  let portText: string | undefined;
  if (input.startsWith('[')) {
    const end = input.indexOf(']');
    if (end < 0) return { ok: false, error: `"${input}": IPv6 address is missing its closing "]"` };
    host = input.slice(1, end);
    const rest = input.slice(end + 1);
    if (rest && !rest.startsWith(':')) return { ok: false, error: `"${input}": expected ":port" after "]"` };
    portText = rest ? rest.slice(1) : undefined;
    if (!IPV6.test(host) || !host.includes(':'))
      return { ok: false, error: `"${host}" is not an IPv6 address` };
  } else {
    const colons = input.split(':').length - 1;
    if (colons > 1)
      return { ok: false, error: `"${input}": write IPv6 addresses in brackets, e.g. [::1]:8743` };
    [host, portText] = colons === 1 ? (input.split(':') as [string, string]) : [input, undefined];
    if (!IPV4.test(host) && (/^[\d.]+$/.test(host) || !HOSTNAME.test(host))) {
      return { ok: false, error: `"${host}" is not a host name or IPv4 address` };
    }
  }
  let port = defaultPort;
  if (portText !== undefined) {
    if (!/^\d{1,5}$/.test(portText)) return { ok: false, error: `"${portText}" is not a port number` };
    port = Number(portText);
  }
  if (port === undefined) return { ok: false, error: `"${input}": a port is needed, e.g. ${host}:8743` };
  if (port < 0 || port > 65535) return { ok: false, error: `port ${port} is out of range (1-65535)` };
  return { ok: true, value: { host, port } };
}

export function formatHostPort({ host, port }: HostPort): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
