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
  actions: {
    toolbar: 'Zertifikatsaktionen',
    createRequest: 'Anforderung erstellen…',
    importPfx: 'PFX importieren…',
    addTrusted: 'Vertrauenswürdige CA hinzufügen…',
    heading: 'Aktionen',
    menu: 'Aktionen',
    forEntry: 'Aktionen für {{label}}',
    continue: 'Signiertes Zertifikat importieren…',
    saveRequest: 'Anforderung speichern (.csr)',
    intermediates: 'Zwischenzertifikate hinzufügen…',
    useForSipTls: 'Für SIP-TLS verwenden…',
    export: 'Öffentliches Zertifikat exportieren (.pem)',
    remove: 'Entfernen…',
  },
  algorithms: {
    'rsa-2048': 'RSA 2048 Bit (überall akzeptiert)',
    'rsa-3072': 'RSA 3072 Bit',
    'rsa-4096': 'RSA 4096 Bit',
    'ecdsa-p256': 'ECDSA P-256',
    'ecdsa-p384': 'ECDSA P-384',
  },
  file: {
    choose: 'Datei auswählen…',
    picked: '{{name}} ({{bytes}} Bytes) gelesen',
    tooLarge:
      '{{name}} ist größer als {{kb}} KB; eine Zertifikatsdatei ist viel kleiner. Ist es die richtige Datei?',
    pasteLabel: 'Oder den PEM-Text einfügen',
  },
  chain: {
    ok: 'Die Kette ist vollständig und passt: nichts zu tun.',
    setAside:
      'Die Datei enthielt auch ein Stammzertifikat ({{roots}}). Es wurde beiseitegelegt: Gegenstellen haben eigene Stammzertifikate, und ein Stammzertifikat in der Kette verlängert nur den Handshake.',
    severity: { error: 'Muss behoben werden', warning: 'Bitte prüfen', info: 'Hinweis' },
  },
  wizard: {
    stepOf: 'Schritt {{n}} von {{total}}: {{title}}',
    entry: 'Zertifikat: {{label}}',
    cancel: 'Abbrechen',
    later: 'Später fortsetzen',
    finish: 'Schließen',
    import: 'Importieren',
    request: {
      title: 'Anforderung erstellen',
      intro:
        'Die Engine erzeugt einen neuen privaten Schlüssel, der sie nie verlässt, und eine Zertifikatsanforderung (CSR) für Ihre Zertifizierungsstelle.',
      defaultLabel: 'SIP TLS',
      label: 'Bezeichnung',
      commonName: 'FQDN des SBC (Common Name)',
      commonNameHint:
        'Der Name, unter dem Gegenstellen diesen SBC erreichen, z. B. sbc.example.com. Teams verlangt eine in Ihrem Tenant verifizierte Domäne.',
      dnsNames: 'Weitere DNS-Namen (optional)',
      dnsNamesHint: 'Einer pro Zeile. Der FQDN oben ist immer der erste Name der Anforderung.',
      algorithm: 'Schlüssel',
      algorithmHint:
        'RSA 2048 funktioniert mit jeder CA und Gegenstelle; Teams verlangt mindestens 2048 Bit.',
      create: 'Anforderung erstellen',
      problems: {
        labelMissing: 'Geben Sie dem Zertifikat eine Bezeichnung.',
        commonNameMissing: 'Geben Sie den FQDN des SBC ein.',
        commonNameNotFqdn:
          'Geben Sie einen vollständigen Hostnamen wie sbc.example.com ein (keine IP-Adresse, keine Leerzeichen).',
        dnsNameInvalid: '„{{name}}“ ist kein Hostname.',
      },
    },
    send: {
      title: 'Anforderung an die CA senden',
      intro:
        'Kopieren oder speichern Sie die Anforderung unten und senden Sie sie an Ihre Zertifizierungsstelle. Fordern Sie ein Serverzertifikat an (TLS Web Server Authentication); für Teams von einer CA im Microsoft Trusted Root Program.',
      pemLabel: 'Zertifikatsanforderung (PEM)',
      copy: 'Kopieren',
      save: 'Als .csr speichern',
      copied: 'In die Zwischenablage kopiert.',
      copyRefused: 'Der Browser hat das Kopieren nicht erlaubt: Markieren und kopieren Sie den Text selbst.',
      later:
        'Die CA braucht eventuell etwas Zeit. Sie können dieses Fenster schließen: Die Anforderung bleibt auf der Engine, und „Signiertes Zertifikat importieren“ in ihrer Zeile setzt hier fort.',
      next: 'Ich habe das signierte Zertifikat',
    },
    signed: {
      title: 'Signiertes Zertifikat importieren',
      intro:
        'Wählen Sie die Datei, die Ihre CA zurückgeschickt hat, oder fügen Sie ihren PEM-Text ein. Ein Bündel mit Zwischenzertifikaten ist in Ordnung.',
      file: 'Signiertes Zertifikat',
      fileHint: 'PEM (.pem, .cer, .crt), DER oder ein PKCS#7-Bündel (.p7b).',
    },
    intermediates: {
      title: 'Zwischenzertifikate hinzufügen',
      intro:
        'Wenn Ihre CA Zwischenzertifikate getrennt geschickt hat, importieren Sie sie hier; sonst überspringen Sie diesen Schritt.',
      introMissing:
        'Die Kette ist noch nicht vollständig: Gegenstellen wie Teams lehnen ein Zertifikat ab, dessen Zwischenzertifikat fehlt („unable to get local issuer certificate“). Importieren Sie das oben genannte Zwischenzertifikat; Ihre CA bietet es zum Download an.',
      file: 'Zwischenzertifikate',
      fileHint: 'PEM, DER oder ein PKCS#7-Bündel; mehrere Zertifikate in einer Datei sind in Ordnung.',
      skip: 'Überspringen',
    },
    use: {
      title: 'Für SIP über TLS verwenden',
      intro:
        'Die SIP-TLS-Listener verwenden dieses Zertifikat für neue Verbindungen; bereits offene Verbindungen bleiben, wie sie sind.',
      trustNote:
        'Welchen CAs eine Verbindung vertraut, wird pro Verbindung in ihren TLS-Einstellungen festgelegt (fügen Sie die Stammzertifikate zuerst auf dieser Seite hinzu).',
      action: 'Für SIP-TLS verwenden',
    },
    done: {
      title: 'Fertig',
      serving_one: 'Das Zertifikat bedient jetzt {{count}} SIP-TLS-Listener.',
      serving_other: 'Das Zertifikat bedient jetzt {{count}} SIP-TLS-Listener.',
      noListener:
        'Das Zertifikat ist für SIP-TLS ausgewählt. Noch läuft kein SIP-TLS-Listener; es wird verwendet, sobald einer läuft.',
    },
  },
  pkcs12: {
    title: 'PFX-Datei importieren',
    intro:
      'Eine .pfx- oder .p12-Datei enthält den Schlüssel, das Zertifikat und meist seine Kette, wie aus Windows exportiert. Das Kennwort öffnet die Datei einmal und wird nicht gespeichert.',
    label: 'Bezeichnung',
    file: 'PFX-Datei',
    password: 'Kennwort der Datei',
    passwordHint: 'Leer lassen, wenn die Datei keines hat.',
    imported: '„{{label}}“ wurde importiert.',
  },
  trustedAdd: {
    title: 'Vertrauenswürdige CA hinzufügen',
    bundledTab: 'Mit der Engine ausgelieferte Stammzertifikate',
    fileTab: 'Aus einer Datei',
    trusted: 'Vertraut',
    notBundled: 'Nicht enthalten',
    label: 'Bezeichnung',
    file: 'CA-Zertifikat',
    fileHint: 'PEM, DER oder ein PKCS#7-Bündel; jedes enthaltene Zertifikat wird hinzugefügt.',
    add: 'Hinzufügen',
    added_one: '{{count}} CA zu den vertrauenswürdigen CAs hinzugefügt.',
    added_other: '{{count}} CAs zu den vertrauenswürdigen CAs hinzugefügt.',
    alreadyTrusted: 'Nichts hinzugefügt: Die Engine vertraut dieser CA bereits.',
  },
  remove: {
    title: '„{{label}}“ entfernen?',
    confirm: 'Entfernen',
    body: 'Der Eintrag und sein privater Schlüssel werden von der Engine gelöscht. Verbindungen, die ihn verwenden, funktionieren nicht mehr. Das kann nicht rückgängig gemacht werden.',
    pendingBody:
      'Die Anforderung und ihr privater Schlüssel werden gelöscht. Ein Zertifikat, das die CA danach für diese Anforderung ausstellt, kann nicht mehr importiert werden.',
  },
  fingerprint: { sha256: 'SHA-256', sha1: 'SHA-1' },
  usedBy: 'Verwendet von',
  yes: 'Ja',
  none: '—',
};
