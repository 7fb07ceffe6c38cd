// What each API error code means for the user and what to do next. Keys are the ErrorCode values
// of electron/api/contract.ts; the server's own message is shown as a detail where it adds facts.
export const en = {
  'invalid-input': 'Check what you entered.',
  'not-found': 'This engine is no longer in the list. Refresh the list.',
  unreachable:
    'Not reachable. Check that the engine is running and that address and port are right, then retry.',
  'certificate-changed':
    'The engine presents a different certificate than the one you trusted. Nothing was sent. Review the certificate warning of this engine.',
  'certificate-unconfirmed': 'Compare the certificate fingerprint and confirm it, then try again.',
  'wrong-password': 'Wrong password. Check it (Caps Lock?) and try again.',
  'wrong-setup-key': "Wrong setup key. Copy it again from the engine's console or its setup-key file.",
  'weak-password': 'The password is too short: use at least {{min}} characters.',
  'locked-out': 'Too many attempts. Try again in {{seconds}} s.',
  'locked-out-later': 'Too many attempts. Wait a few minutes, then try again.',
  'locked-out-over': 'You can try again now.',
  'already-provisioned': 'This engine is already set up. Log in with its admin password instead.',
  'not-provisioned': 'This engine is not set up yet. Run the first-time setup first.',
  'session-expired': 'Your session has ended. Log in again.',
  'not-bundled': 'This is only possible for the bundled engine on this computer.',
  stale:
    'The configuration on the engine changed since you loaded it (someone else applied one). Reload it, then apply your changes again.',
  'lint-errors':
    'The linter found errors that would break calls. Fix them, or apply with a reason to override.',
  conflict: 'The engine cannot do this right now.',
  busy: 'The engine is busy with other checks. Try again in a few seconds.',
  internal: 'Something went wrong inside SBC Studio. Try again; if it keeps happening, check the log.',
  'connection-lost': 'Lost the connection to SBC Studio. Reconnecting…',
  detail: 'Details: {{message}}',
};

export const de: typeof en = {
  'invalid-input': 'Bitte prüfen Sie Ihre Eingabe.',
  'not-found': 'Diese Engine ist nicht mehr in der Liste. Aktualisieren Sie die Liste.',
  unreachable:
    'Nicht erreichbar. Prüfen Sie, ob die Engine läuft und Adresse und Port stimmen, und versuchen Sie es erneut.',
  'certificate-changed':
    'Die Engine zeigt ein anderes Zertifikat als das, dem Sie vertraut haben. Es wurde nichts gesendet. Prüfen Sie die Zertifikatswarnung dieser Engine.',
  'certificate-unconfirmed':
    'Vergleichen und bestätigen Sie den Fingerabdruck des Zertifikats, dann versuchen Sie es erneut.',
  'wrong-password': 'Falsches Passwort. Prüfen Sie es (Feststelltaste?) und versuchen Sie es erneut.',
  'wrong-setup-key':
    'Falscher Einrichtungsschlüssel. Kopieren Sie ihn erneut aus der Konsole der Engine oder aus ihrer Datei setup-key.',
  'weak-password': 'Das Passwort ist zu kurz: Verwenden Sie mindestens {{min}} Zeichen.',
  'locked-out': 'Zu viele Versuche. Versuchen Sie es in {{seconds}} s erneut.',
  'locked-out-later': 'Zu viele Versuche. Warten Sie einige Minuten und versuchen Sie es dann erneut.',
  'locked-out-over': 'Sie können es jetzt erneut versuchen.',
  'already-provisioned':
    'Diese Engine ist bereits eingerichtet. Melden Sie sich stattdessen mit ihrem Admin-Passwort an.',
  'not-provisioned': 'Diese Engine ist noch nicht eingerichtet. Führen Sie zuerst die Ersteinrichtung durch.',
  'session-expired': 'Ihre Sitzung ist abgelaufen. Melden Sie sich erneut an.',
  'not-bundled': 'Das ist nur für die lokale Engine auf diesem Computer möglich.',
  stale:
    'Die Konfiguration auf der Engine hat sich seit dem Laden geändert (jemand anderes hat eine angewendet). Laden Sie sie neu und wenden Sie Ihre Änderungen erneut an.',
  'lint-errors':
    'Der Linter hat Fehler gefunden, die Anrufe scheitern lassen. Beheben Sie sie oder wenden Sie mit einer Begründung an.',
  conflict: 'Die Engine kann das gerade nicht ausführen.',
  busy: 'Die Engine ist mit anderen Prüfungen beschäftigt. Versuchen Sie es in einigen Sekunden erneut.',
  internal:
    'In SBC Studio ist ein Fehler aufgetreten. Versuchen Sie es erneut; wenn er bleibt, sehen Sie im Protokoll nach.',
  'connection-lost': 'Die Verbindung zu SBC Studio ist unterbrochen. Verbindung wird wiederhergestellt…',
  detail: 'Details: {{message}}',
};

export const strings = { en, de };
