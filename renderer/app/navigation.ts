// The pages of the left navigation, in order, and the address fragment that selects one
// (#/engines), so a reload or a bookmark lands on the same page.

export const PAGES = [
  { id: 'engines', available: true },
  { id: 'configuration', available: true },
  { id: 'certificates', available: true },
  { id: 'health', available: true },
  { id: 'syslog', available: true },
  { id: 'operations', available: true },
  { id: 'backups', available: true },
] as const;

export type PageId = (typeof PAGES)[number]['id'];

export const DEFAULT_PAGE: PageId = 'engines';

export function pageFromHash(hash: string): PageId {
  const id = hash.replace(/^#\/?/, '');
  return PAGES.find((page) => page.id === id)?.id ?? DEFAULT_PAGE;
}

export function hashForPage(page: PageId): string {
  return `#/${page}`;
}

export function isAvailable(page: PageId): boolean {
  return PAGES.find((p) => p.id === page)?.available ?? false;
}

/** Where arrow keys, Home and End move the focus in a vertical list of `count` items. */
export function nextIndex(key: string, current: number, count: number): number | undefined {
  if (count === 0) return undefined;
  switch (key) {
    case 'ArrowDown':
      return (current + 1) % count;
    case 'ArrowUp':
      return (current - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return undefined;
  }
}
