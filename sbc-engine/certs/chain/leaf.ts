// Which certificate of a file is the leaf (the device certificate)? The one its private key
// belongs to; without a key, the one that issued none of the others and is not a CA.
import type { KeyObject, X509Certificate } from 'node:crypto';

export function pickLeaf(
  certs: readonly X509Certificate[],
  keys: readonly KeyObject[] = [],
): X509Certificate | undefined {
  const withKey = certs.find((cert) => keys.some((key) => cert.checkPrivateKey(key)));
  if (withKey) return withKey;
  const issuesNone = certs.filter(
    (cert) =>
      !certs.some((other) => other !== cert && other.checkIssued(cert) && other.verify(cert.publicKey)),
  );
  return issuesNone.find((cert) => !cert.ca) ?? issuesNone[0] ?? certs[0];
}
