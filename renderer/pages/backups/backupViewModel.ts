// The Backups page's rules, apart from React: the passphrase form, what a restore will lack, sizes.
import type { Output } from '../../../electron/api/contract.ts';

export const MIN_PASSPHRASE = 8;

export type PassphraseProblem = 'tooShort' | 'mismatch' | undefined;

/** An empty passphrase is allowed (the archive then holds no secrets); anything else needs 8+ and a match. */
export function passphraseProblem(passphrase: string, repeated: string): PassphraseProblem {
  if (passphrase === '') return repeated === '' ? undefined : 'mismatch';
  if (passphrase.length < MIN_PASSPHRASE) return 'tooShort';
  return passphrase === repeated ? undefined : 'mismatch';
}

export type Missing = Output<'backups.preview'>['missing'];

export interface MissingItem {
  /** Key in the 'backups' namespace. */
  key: 'missing.configSecret' | 'missing.historyVersion' | 'missing.privateKey' | 'missing.adminPassword';
  values: Record<string, string | number>;
}

/** One line per secret a restore cannot bring, in the order the preview shows them. */
export function missingItems(missing: Missing): MissingItem[] {
  return [
    ...missing.configSecrets.map((path): MissingItem => ({ key: 'missing.configSecret', values: { path } })),
    ...missing.historyVersions.map((version): MissingItem => ({ key: 'missing.historyVersion', values: { version } })), // prettier-ignore
    ...missing.privateKeys.map((k): MissingItem => ({ key: 'missing.privateKey', values: { label: k.label, id: k.id } })), // prettier-ignore
    ...(missing.adminPassword ? [{ key: 'missing.adminPassword', values: {} } as MissingItem] : []),
  ];
}

/** A restore whose config lacks a secret cannot apply it: the trunk would have no password. */
export function configBlocked(missing: Missing): boolean {
  return missing.configSecrets.length > 0;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}

/** Bytes of a picked file as base64, for the API. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
