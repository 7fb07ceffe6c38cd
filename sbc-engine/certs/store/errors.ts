/** A store operation that was refused; the store is unchanged. Messages never hold key material. */
export class CertificateStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CertificateStoreError';
  }
}
