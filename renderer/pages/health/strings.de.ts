// German words of the Health page (its own file to keep strings.ts short).
import type { en } from './strings.ts';

export const de: typeof en = {
  title: 'Zustand',
  intro:
    'Jede Verbindung jeder Engine, an der Sie angemeldet sind: ob ihre Gegenstellen auf OPTIONS antworten, wie schnell, ihre TLS-Zertifikate und ihre Registrierung.',
  refresh: 'Aktualisieren',
  loading: 'Die Engines werden abgefragt…',
  noEngine:
    'Melden Sie sich auf der Seite Engines an einer Engine an: Ihre Verbindungen erscheinen dann hier.',
  noConnections: 'Diese Engine hat noch keine Verbindungen.',
  goToEngines: 'Zu den Engines',
  lastPoll: 'Zuletzt geprüft {{time}}',
  state: {
    ok: 'OK',
    warning: 'Warnung',
    down: 'Ausgefallen',
    unknown: 'Unbekannt',
    critical: 'Fehler',
    skipped: 'Übersprungen',
  },
  severity: { warning: 'Warnung', critical: 'Kritisch' },
  table: {
    label: 'Verbindungen von {{engine}}',
    connection: 'Verbindung',
    state: 'Zustand',
    lastCode: 'Letzte Antwort',
    rtt: 'Antwortzeit',
    tls: 'TLS (Resttage)',
    registration: 'Registrierung',
    calls: 'Gespräche / Grenze',
    details: 'Details',
    show: 'Details zu {{name}} anzeigen',
    noLimit: 'ohne Grenze',
    notUsed: 'nicht genutzt',
    none: 'keine',
  },
  worst: { heading: 'Braucht Aufmerksamkeit', none: 'Nichts braucht Aufmerksamkeit.' },
  panel: {
    heading: '{{name}} auf {{engine}}',
    close: 'Details schließen',
    issues: 'Warnungen',
    noIssues: 'Keine Warnungen: Jedes Ziel antwortet.',
    cause: 'Ursache',
    fix: 'Abhilfe',
    targets: 'Ziele',
    probe: 'Jetzt prüfen',
    probing: 'Wird geprüft…',
    lastProbe: 'Letzte Prüfung von der Engine aus: {{message}}',
    chart: 'Antwortzeit',
    range: 'Zeitraum',
  },
  chart: {
    label: 'Antwortzeit von {{name}} über {{range}}',
    empty: 'In diesem Zeitraum gibt es noch keine Messwerte.',
    mean: 'Mittel',
    worst: 'schlechteste',
    failed: 'keine Antwort',
    ranges: { '1h': '1 Stunde', '24h': '24 Stunden', '30d': '30 Tage' },
  },
  teams: {
    button: 'Teams-Prüfung',
    title: 'Teams-Prüfung von {{engine}}',
    intro:
      'Prüft sip, sip2 und sip3.pstnhub.microsoft.com vom SBC aus, in dieser Reihenfolge, und danach die Seite des SBC selbst.',
    engine: 'Engine',
    port: 'SipSignalingPort des Teams-Gateways',
    run: 'Prüfung starten',
    running: 'Wird geprüft…',
    result: {
      ok: 'Alles, was Teams braucht, ist vorhanden.',
      warning: 'Funktioniert, aber mit Warnungen.',
      critical: 'So wird Teams nicht funktionieren.',
    },
    fix: 'Abhilfe: {{fix}}',
    steps: {
      'probe-1': 'OPTIONS vom SBC an {{proxy}}',
      'probe-2': 'OPTIONS vom SBC an {{proxy}}',
      'probe-3': 'OPTIONS vom SBC an {{proxy}}',
      'contact-fqdn': 'Contact enthält den FQDN des SBC',
      'contact-port': 'Contact-Port, Empfangsport und SipSignalingPort stimmen überein',
      'fqdn-dns': 'Der FQDN des SBC löst auf seine öffentliche Adresse auf',
      chain: 'Der SBC sendet eine vollständige Zertifikatskette',
      root: 'Der Vertrauensspeicher enthält {{root}}',
    },
  },
  settings: {
    button: 'Einstellungen',
    title: 'Einstellungen der Überwachung',
    pollSeconds: 'Engines abfragen alle (Sekunden)',
    probesEnabled: 'Jedes Ziel von der Engine aus prüfen',
    probeMinutes: 'Prüfen alle (Minuten)',
    retentionDays: 'Verlauf aufbewahren (Tage)',
    downAfterSeconds: 'Ausgefallen nach keiner Antwort seit (Sekunden)',
    downAfterHint: 'Teams behandelt einen SBC ohne OPTIONS seit 180 Sekunden als inaktiv.',
    certificateWarningDays: 'Warnen vor Ablauf eines Zertifikats (Tage)',
    slowMs: 'Langsame Antwort ab (ms)',
    quiet: 'Ruhig: keine Desktop-Benachrichtigungen',
    save: 'Speichern',
    invalid: 'Prüfen Sie die Werte: {{message}}',
  },
  notifications: {
    enable: 'Desktop-Benachrichtigungen einschalten',
    enabled: 'Desktop-Benachrichtigungen sind eingeschaltet.',
    denied:
      'Benachrichtigungen sind für diese Seite gesperrt; erlauben Sie sie in den Browser-Einstellungen.',
    unsupported: 'Dieser Browser kann keine Benachrichtigungen anzeigen.',
    quiet: 'Ruhig: Benachrichtigungen sind in den Einstellungen ausgeschaltet.',
    down: '{{connection}} ist ausgefallen',
    recovered: '{{connection}} antwortet wieder',
    certificate: 'Zertifikat „{{label}}“ läuft in {{days}} Tagen ab',
    certificateBody: '{{engine}}: Erneuern Sie es auf der Seite Zertifikate, bevor es abläuft.',
  },
  issue: {
    OPTIONS_MISSED: {
      cause:
        '{{target}} hat auf das letzte OPTIONS nicht geantwortet{{detail}}; die letzte Antwort kam vor {{since}}.',
      fix: 'Prüfen Sie, ob die Gegenstelle läuft und auf dieser Adresse, diesem Port und Transport empfängt und ob jede Firewall zwischen SBC und Gegenstelle SIP in beide Richtungen durchlässt.',
    },
    OPTIONS_DOWN: {
      cause:
        '{{target}} hat seit {{since}} nicht auf OPTIONS geantwortet{{detail}}. Teams behandelt eine Gegenstelle ohne OPTIONS seit 3 Minuten als inaktiv.',
      fix: 'Prüfen Sie, ob die Gegenstelle läuft und auf dieser Adresse, diesem Port und Transport empfängt und ob jede Firewall zwischen SBC und Gegenstelle SIP in beide Richtungen durchlässt.',
    },
    OPTIONS_REFUSING: {
      cause:
        '{{target}} antwortet mit 503 Service Unavailable: Die Gegenstelle lebt, nimmt aber gerade keine Gespräche an.',
      fix: 'Prüfen Sie Last und Gesprächsgrenze der Gegenstelle; bis dahin gehen Gespräche an das nächste Ziel.',
    },
    OPTIONS_DISABLED: {
      cause:
        'Der OPTIONS-Keepalive ist für diese Verbindung aus; niemand bemerkt, wenn die Gegenstelle wegfällt.',
      fix: 'Schalten Sie options.enabled für diese Verbindung ein (Teams verlangt OPTIONS mindestens alle 60 s).',
    },
    CERT_EXPIRING: {
      cause: 'Das SBC-Zertifikat „{{label}}“ läuft in {{days}} Tagen ab.',
      fix: 'Beantragen Sie auf der Seite Zertifikate ein erneuertes Zertifikat und importieren Sie es vor dem Ablauf des alten.',
    },
    CERT_EXPIRED: {
      cause: 'Das SBC-Zertifikat „{{label}}“ ist abgelaufen: Gegenstellen lehnen seine TLS-Verbindungen ab.',
      fix: 'Importieren Sie auf der Seite Zertifikate ein erneuertes Zertifikat und verwenden Sie es für SIP-TLS.',
    },
    PEER_CERT_EXPIRING: {
      cause: 'Das Zertifikat von {{target}} läuft in {{days}} Tagen ab.',
      fix: 'Informieren Sie den Administrator der Gegenstelle: Nach dem Ablauf scheitert TLS zu ihr.',
    },
    CALLS_AT_LIMIT: {
      cause:
        'Die Verbindung hat seit der letzten Prüfung {{refused}} OPTIONS mit 503 beantwortet: Sie war an ihrer Grenze von {{limit}} gleichzeitigen Gesprächen.',
      fix: 'Erhöhen Sie maxConcurrentCalls, wenn Anschluss und Lizenz mehr Gespräche erlauben.',
    },
    ENGINE_UNREACHABLE: {
      cause: 'SBC Studio kann den Zustand dieser Engine nicht lesen: {{message}}',
      fix: 'Prüfen Sie, ob die Engine läuft und ob Sie an ihr angemeldet sind (Seite Engines).',
    },
  },
};
