// The "create request" form of the certificate wizard: what the admin typed, checked before it is
// sent, with the reason in plain words. The engine checks again; this only saves a round trip.
import type { Input } from '../../../electron/api/contract.ts';

export type RequestAlgorithm = Input<'certificates.createRequest'>['algorithm'];

/** RSA 2048 first: every public CA and every SIP peer (Teams included) accepts it. */
export const ALGORITHMS: RequestAlgorithm[] = [
  'rsa-2048',
  'rsa-3072',
  'rsa-4096',
  'ecdsa-p256',
  'ecdsa-p384',
];

export interface RequestForm {
  label: string;
  algorithm: RequestAlgorithm;
  commonName: string;
  /** One DNS name per line, as typed. */
  dnsNames: string;
}

export type RequestFormProblem =
  | { field: 'label'; key: 'labelMissing' }
  | { field: 'commonName'; key: 'commonNameMissing' | 'commonNameNotFqdn' }
  | { field: 'dnsNames'; key: 'dnsNameInvalid'; values: { name: string } };

// A host name of letters, digits and hyphens per label; a leading "*." for a wildcard request.
const DNS_NAME = /^(\*\.)?([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

export function splitNames(text: string): string[] {
  const names = text
    .split(/[\s,;]+/)
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  return [...new Set(names)];
}

/** The names the request will carry: the common name (the SBC FQDN) first, as CAs and Teams expect. */
export function requestNames(form: RequestForm): string[] {
  const commonName = form.commonName.trim().toLowerCase();
  const rest = splitNames(form.dnsNames).filter((name) => name !== commonName);
  return commonName ? [commonName, ...rest] : rest;
}

export function checkRequestForm(form: RequestForm): RequestFormProblem[] {
  const problems: RequestFormProblem[] = [];
  if (!form.label.trim()) problems.push({ field: 'label', key: 'labelMissing' });
  const commonName = form.commonName.trim();
  if (!commonName) problems.push({ field: 'commonName', key: 'commonNameMissing' });
  else if (!DNS_NAME.test(commonName)) problems.push({ field: 'commonName', key: 'commonNameNotFqdn' });
  const bad = splitNames(form.dnsNames).find((name) => !DNS_NAME.test(name));
  if (bad) problems.push({ field: 'dnsNames', key: 'dnsNameInvalid', values: { name: bad } });
  return problems;
}

export function toRequestInput(engineId: string, form: RequestForm): Input<'certificates.createRequest'> {
  return {
    engineId,
    label: form.label.trim(),
    algorithm: form.algorithm,
    commonName: form.commonName.trim().toLowerCase(),
    dnsNames: requestNames(form),
  };
}
