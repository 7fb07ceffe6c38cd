// Every word of the Health page. German in strings.de.ts; keys must match (tested).
export const en = {
  title: 'Health',
  intro:
    'Every connection of every engine you are logged in to: whether its peers answer OPTIONS, how fast, its TLS certificates and its registration.',
  refresh: 'Refresh',
  loading: 'Reading the engines…',
  noEngine: 'Log in to an engine on the Engines page: its connections appear here.',
  noConnections: 'This engine has no connections yet.',
  goToEngines: 'Go to Engines',
  lastPoll: 'Last checked {{time}}',
  state: {
    ok: 'OK',
    warning: 'Warning',
    down: 'Down',
    unknown: 'Unknown',
    critical: 'Failed',
    skipped: 'Skipped',
  },
  severity: { warning: 'Warning', critical: 'Critical' },
  table: {
    label: 'Connections of {{engine}}',
    connection: 'Connection',
    state: 'State',
    lastCode: 'Last answer',
    rtt: 'Round trip',
    tls: 'TLS (days left)',
    registration: 'Registration',
    calls: 'Calls / limit',
    details: 'Details',
    show: 'Show details of {{name}}',
    noLimit: 'no limit',
    notUsed: 'not used',
    none: 'none',
  },
  worst: { heading: 'Needs attention', none: 'Nothing needs attention.' },
  panel: {
    heading: '{{name}} on {{engine}}',
    close: 'Close details',
    issues: 'Warnings',
    noIssues: 'No warnings: every target answers.',
    cause: 'Cause',
    fix: 'Fix',
    targets: 'Targets',
    probe: 'Probe now',
    probing: 'Probing…',
    lastProbe: 'Last probe from the engine: {{message}}',
    chart: 'Response time',
    range: 'Range',
  },
  chart: {
    label: 'Response time of {{name}} over {{range}}',
    empty: 'No samples in this range yet.',
    mean: 'mean',
    worst: 'worst',
    failed: 'no answer',
    ranges: { '1h': '1 hour', '24h': '24 hours', '30d': '30 days' },
  },
  teams: {
    button: 'Teams check',
    title: 'Teams check of {{engine}}',
    intro:
      "Probes sip, sip2 and sip3.pstnhub.microsoft.com from the SBC, in that order, then checks the SBC's own side.",
    engine: 'Engine',
    port: "Teams gateway's SipSignalingPort",
    run: 'Run the check',
    running: 'Checking…',
    result: {
      ok: 'Everything Teams needs is in place.',
      warning: 'Works, with warnings.',
      critical: 'Teams will not work like this.',
    },
    fix: 'Fix: {{fix}}',
    steps: {
      'probe-1': 'OPTIONS from the SBC to {{proxy}}',
      'probe-2': 'OPTIONS from the SBC to {{proxy}}',
      'probe-3': 'OPTIONS from the SBC to {{proxy}}',
      'contact-fqdn': 'Contact carries the SBC FQDN',
      'contact-port': 'Contact port, listening port and SipSignalingPort agree',
      'fqdn-dns': 'The SBC FQDN resolves to its public address',
      chain: 'The SBC sends a complete certificate chain',
      root: 'The trust store holds {{root}}',
    },
  },
  settings: {
    button: 'Settings',
    title: 'Monitoring settings',
    pollSeconds: 'Read the engines every (seconds)',
    probesEnabled: 'Probe every target from the engine',
    probeMinutes: 'Probe every (minutes)',
    retentionDays: 'Keep history (days)',
    downAfterSeconds: 'Down after no answer for (seconds)',
    downAfterHint: 'Teams treats an SBC without OPTIONS for 180 seconds as inactive.',
    certificateWarningDays: 'Warn before a certificate expires (days)',
    slowMs: 'Slow answer above (ms)',
    quiet: 'Quiet: no desktop notifications',
    save: 'Save',
    invalid: 'Check the values: {{message}}',
  },
  notifications: {
    enable: 'Turn on desktop notifications',
    enabled: 'Desktop notifications are on.',
    denied: 'Notifications are blocked for this page; allow them in the browser settings.',
    unsupported: 'This browser cannot show notifications.',
    quiet: 'Quiet: notifications are off in the settings.',
    down: '{{connection}} is down',
    recovered: '{{connection}} answers again',
    certificate: 'Certificate "{{label}}" expires in {{days}} days',
    certificateBody: '{{engine}}: renew it on the Certificates page before it expires.',
  },
  issue: {
    OPTIONS_MISSED: {
      cause: '{{target}} did not answer the last OPTIONS{{detail}}; its last answer came {{since}} ago.',
      fix: 'Check that the peer runs and listens on that address, port and transport, and that every firewall between the SBC and the peer lets SIP through both ways.',
    },
    OPTIONS_DOWN: {
      cause:
        '{{target}} has not answered OPTIONS for {{since}}{{detail}}. Teams treats a peer without OPTIONS for 3 minutes as inactive.',
      fix: 'Check that the peer runs and listens on that address, port and transport, and that every firewall between the SBC and the peer lets SIP through both ways.',
    },
    OPTIONS_REFUSING: {
      cause: '{{target}} answers 503 Service Unavailable: it is alive but takes no calls now.',
      fix: "Check the peer's load and call limit; meanwhile calls go to the next target.",
    },
    OPTIONS_DISABLED: {
      cause: 'OPTIONS keepalive is off for this connection, so nobody notices when the peer goes away.',
      fix: 'Turn on options.enabled for this connection (Teams requires OPTIONS at least every 60 s).',
    },
    CERT_EXPIRING: {
      cause: 'The SBC certificate "{{label}}" expires in {{days}} days.',
      fix: 'Request a renewed certificate on the Certificates page and import it before the old one expires.',
    },
    CERT_EXPIRED: {
      cause: 'The SBC certificate "{{label}}" has expired: peers refuse its TLS connections.',
      fix: 'Import a renewed certificate on the Certificates page and use it for SIP TLS.',
    },
    PEER_CERT_EXPIRING: {
      cause: 'The certificate of {{target}} expires in {{days}} days.',
      fix: "Tell the peer's administrator: once it expires, TLS to this peer fails.",
    },
    CALLS_AT_LIMIT: {
      cause:
        'The connection answered {{refused}} OPTIONS with 503 since the last check: it was at its limit of {{limit}} concurrent calls.',
      fix: 'Raise maxConcurrentCalls if the line and the licence allow more calls.',
    },
    ENGINE_UNREACHABLE: {
      cause: "SBC Studio cannot read this engine's status: {{message}}",
      fix: 'Check that the engine runs and that you are logged in to it (Engines page).',
    },
  },
};

import { de } from './strings.de.ts';

export { de };
export const strings = { en, de };
