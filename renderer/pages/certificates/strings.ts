// Every word of the Certificates page. German in strings.de.ts; keys must match (tested).
export const en = {
  title: 'Certificates',
  intro:
    "The certificates in the engine's store: its own certificates (for SIP over TLS) and the CAs it trusts.",
  engine: 'Engine',
  refresh: 'Refresh',
  loading: 'Loading certificates…',
  noEngine: 'Log in to an engine on the Engines page first.',
  goToEngines: 'Go to Engines',
  comingNext: {
    title: 'Read only for now',
    body: 'Creating certificate requests, importing certificates and adding trusted CAs come next. Those actions are not available yet.',
  },
  own: {
    heading: 'Own certificates',
    empty:
      'This engine has no certificates of its own yet. Until it has one, SIP over TLS uses the management certificate.',
    label: 'Label',
    commonName: 'Subject CN',
    subjectAltNames: 'Subject alternative names',
    issuer: 'Issuer',
    validUntil: 'Valid until',
    key: 'Key',
    fingerprints: 'Fingerprints',
    sipTls: 'Used for SIP TLS',
    pending: 'Request pending: waiting for the signed certificate',
    requested: 'Requested: {{algorithm}}',
  },
  trusted: {
    heading: 'Trusted CAs',
    empty: 'No trusted CAs yet. The engine trusts no CA for TLS peers until you add one.',
    label: 'Label',
    subject: 'Subject',
    validUntil: 'Valid until',
    sha256: 'SHA-256',
  },
  expiry: {
    daysLeft_one: '{{count}} day left',
    daysLeft_other: '{{count}} days left',
    expired: 'Expired',
  },
  fingerprint: { sha256: 'SHA-256', sha1: 'SHA-1' },
  yes: 'Yes',
  none: '—',
};

import { de } from './strings.de.ts';

export { de };
export const strings = { en, de };
