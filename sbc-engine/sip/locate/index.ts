// RFC 3263 server location, pure: DNS comes in through the injected DnsResolver.
export { locateServer } from './locate.ts';
export { orderSrvRecords } from './srv-order.ts';
export { targetFromUri } from './target.ts';
export type * from './types.ts';
