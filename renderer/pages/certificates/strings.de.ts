// German words of the Certificates page (its own file to keep strings.ts short).
import type { en } from './strings.ts';

export const de: typeof en = {
  title: 'Zertifikate',
  intro:
    'Die Zertifikate im Speicher der Engine: ihre eigenen Zertifikate (für SIP über TLS) und die Zertifizierungsstellen, denen sie vertraut.',
  engine: 'Engine',
  refresh: 'Aktualisieren',
  loading: 'Zertifikate werden geladen…',
  noEngine: 'Melden Sie sich zuerst auf der Seite „Engines“ bei einer Engine an.',
  goToEngines: 'Zu den Engines',
  comingNext: {
    title: 'Vorerst nur lesend',
    body: 'Zertifikatsanforderungen erstellen, Zertifikate importieren und vertrauenswürdige Zertifizierungsstellen hinzufügen folgen als Nächstes. Diese Aktionen sind noch nicht verfügbar.',
  },
  own: {
    heading: 'Eigene Zertifikate',
    empty:
      'Diese Engine hat noch keine eigenen Zertifikate. Bis dahin verwendet SIP über TLS das Management-Zertifikat.',
    label: 'Bezeichnung',
    commonName: 'Subject-CN',
    subjectAltNames: 'Alternative Namen (SAN)',
    issuer: 'Aussteller',
    validUntil: 'Gültig bis',
    key: 'Schlüssel',
    fingerprints: 'Fingerabdrücke',
    sipTls: 'Für SIP-TLS verwendet',
    pending: 'Anforderung offen: wartet auf das signierte Zertifikat',
    requested: 'Angefordert: {{algorithm}}',
  },
  trusted: {
    heading: 'Vertrauenswürdige Zertifizierungsstellen',
    empty:
      'Noch keine vertrauenswürdigen Zertifizierungsstellen. Die Engine vertraut TLS-Gegenstellen erst, wenn Sie eine hinzufügen.',
    label: 'Bezeichnung',
    subject: 'Subject',
    validUntil: 'Gültig bis',
    sha256: 'SHA-256',
  },
  expiry: {
    daysLeft_one: 'noch {{count}} Tag',
    daysLeft_other: 'noch {{count}} Tage',
    expired: 'Abgelaufen',
  },
  fingerprint: { sha256: 'SHA-256', sha1: 'SHA-1' },
  yes: 'Ja',
  none: '—',
};
