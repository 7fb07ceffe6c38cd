export { CertificateStore, type StoreOptions, type TlsMaterial } from './store.ts';
export { CertificateStoreError } from './errors.ts';
export type { ChainPick } from './imports.ts';
export type { OwnSummary, StoreListing, TrustedSummary } from './summary.ts';
export type { ImportPlan } from './backup-import.ts';
