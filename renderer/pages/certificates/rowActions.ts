// Which actions a row offers, decided from the row alone (tested without rendering).
import type { OwnRow } from './certificateViewModel.ts';

export type OwnAction = 'continue' | 'saveRequest' | 'intermediates' | 'useForSipTls' | 'export' | 'remove';

export function ownActions(row: OwnRow): OwnAction[] {
  if (row.state === 'pending') return ['continue', 'saveRequest', 'remove'];
  return [
    'intermediates',
    ...(row.usedForSipTls ? [] : (['useForSipTls'] as const)),
    'export',
    // Removing what SIP TLS serves would leave the listeners without a certificate: not offered.
    ...(row.usedForSipTls ? [] : (['remove'] as const)),
  ];
}

export type TrustedAction = 'export' | 'remove';
