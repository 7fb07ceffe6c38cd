// Tells DER structures apart by their outer ASN.1 shape, so a .cer, .p7b, .pfx or .key file is
// read as what it is whatever its name says (Windows admins rename files freely).
import forge from 'node-forge';

export type DerKind = 'certificate' | 'pkcs7' | 'pkcs12' | 'private-key' | 'unknown';

const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const OID_DATA = '1.2.840.113549.1.7.1';

/** Parses DER with forge's ASN.1 reader; throws on truncated or malformed input. */
export function parseAsn1(der: Buffer): forge.asn1.Asn1 {
  return forge.asn1.fromDer(forge.util.createBuffer(der.toString('binary')), false);
}

function children(node: forge.asn1.Asn1 | undefined): forge.asn1.Asn1[] {
  return Array.isArray(node?.value) ? node.value : [];
}

function isType(node: forge.asn1.Asn1 | undefined, type: number): boolean {
  return node?.tagClass === forge.asn1.Class.UNIVERSAL && node.type === type;
}

function oidOf(node: forge.asn1.Asn1 | undefined): string | null {
  return isType(node, forge.asn1.Type.OID) && typeof node?.value === 'string'
    ? forge.asn1.derToOid(node.value)
    : null;
}

function intOf(node: forge.asn1.Asn1 | undefined): number | null {
  if (!isType(node, forge.asn1.Type.INTEGER) || typeof node?.value !== 'string' || node.value.length > 4)
    return null;
  return forge.util.createBuffer(node.value).getInt(node.value.length * 8);
}

export function classifyDer(der: Buffer): DerKind {
  if (der[0] !== 0x30) return 'unknown'; // every structure we read is a SEQUENCE
  let root: forge.asn1.Asn1;
  try {
    root = parseAsn1(der);
  } catch {
    return 'unknown';
  }
  const [first, second] = children(root);
  // RFC 2315 ContentInfo: contentType signedData.
  if (oidOf(first) === OID_SIGNED_DATA) return 'pkcs7';
  // RFC 7292 PFX: version 3, then a ContentInfo of type data (password integrity mode).
  if (intOf(first) === 3 && oidOf(children(second)[0]) === OID_DATA) return 'pkcs12';
  // RFC 5280 Certificate: SEQUENCE { tbsCertificate SEQUENCE, signatureAlgorithm, signature }.
  if (isType(first, forge.asn1.Type.SEQUENCE) && children(root).length === 3) return 'certificate';
  // PKCS#8 (version 0/1), PKCS#1 RSA (version 0) and SEC 1 EC (version 1) private keys.
  const version = intOf(first);
  if (version === 0 || version === 1) return 'private-key';
  return 'unknown';
}
