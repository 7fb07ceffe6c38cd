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
  actions: {
    toolbar: 'Certificate actions',
    createRequest: 'Create request…',
    importPfx: 'Import PFX…',
    addTrusted: 'Add trusted CA…',
    heading: 'Actions',
    menu: 'Actions',
    forEntry: 'Actions for {{label}}',
    continue: 'Import signed certificate…',
    saveRequest: 'Save request (.csr)',
    intermediates: 'Add intermediate certificates…',
    useForSipTls: 'Use for SIP TLS…',
    export: 'Export public certificate (.pem)',
    remove: 'Remove…',
  },
  algorithms: {
    'rsa-2048': 'RSA 2048 bit (accepted everywhere)',
    'rsa-3072': 'RSA 3072 bit',
    'rsa-4096': 'RSA 4096 bit',
    'ecdsa-p256': 'ECDSA P-256',
    'ecdsa-p384': 'ECDSA P-384',
  },
  file: {
    choose: 'Choose file…',
    picked: '{{name}} ({{bytes}} bytes) read',
    tooLarge: '{{name}} is larger than {{kb}} KB; a certificate file is much smaller. Is it the right file?',
    pasteLabel: 'Or paste the PEM text',
  },
  chain: {
    ok: 'The chain is complete and fits: nothing to fix.',
    setAside:
      'The file also held a root certificate ({{roots}}). It was set aside: peers have their own roots, and a root in the chain only makes the handshake longer.',
    severity: { error: 'Must be fixed', warning: 'Check this', info: 'Note' },
  },
  wizard: {
    stepOf: 'Step {{n}} of {{total}}: {{title}}',
    entry: 'Certificate: {{label}}',
    cancel: 'Cancel',
    later: 'Continue later',
    finish: 'Close',
    import: 'Import',
    request: {
      title: 'Create the request',
      intro:
        'The engine creates a new private key, which never leaves it, and a certificate signing request (CSR) for your CA.',
      defaultLabel: 'SIP TLS',
      label: 'Label',
      commonName: 'SBC FQDN (common name)',
      commonNameHint:
        'The name peers use to reach this SBC, e.g. sbc.example.com. Teams needs it in a domain verified in your tenant.',
      dnsNames: 'More DNS names (optional)',
      dnsNamesHint: 'One per line. The FQDN above is always the first name of the request.',
      algorithm: 'Key',
      algorithmHint: 'RSA 2048 works with every CA and peer; Teams needs at least 2048 bit.',
      create: 'Create request',
      problems: {
        labelMissing: 'Give the certificate a label.',
        commonNameMissing: 'Enter the FQDN of the SBC.',
        commonNameNotFqdn: 'Enter a full host name such as sbc.example.com (no IP address, no spaces).',
        dnsNameInvalid: '"{{name}}" is not a host name.',
      },
    },
    send: {
      title: 'Send the request to your CA',
      intro:
        "Copy or save the request below and send it to your certificate authority. Ask for a server certificate (TLS Web Server Authentication); for Teams, a CA in Microsoft's Trusted Root Program.",
      pemLabel: 'Certificate signing request (PEM)',
      copy: 'Copy',
      save: 'Save as .csr',
      copied: 'Copied to the clipboard.',
      copyRefused: 'The browser did not allow copying: select the text and copy it yourself.',
      later:
        'The CA may take a while. You can close this window: the request stays on the engine, and "Import signed certificate" in its row continues here.',
      next: 'I have the signed certificate',
    },
    signed: {
      title: 'Import the signed certificate',
      intro: 'Choose the file your CA sent back, or paste its PEM text. A bundle with intermediates is fine.',
      file: 'Signed certificate',
      fileHint: 'PEM (.pem, .cer, .crt), DER or a PKCS#7 bundle (.p7b).',
    },
    intermediates: {
      title: 'Add the intermediate certificates',
      intro:
        'If your CA sent intermediate certificates separately, import them here; otherwise skip this step.',
      introMissing:
        'The chain is not complete yet: peers such as Teams reject a certificate whose intermediate is missing ("unable to get local issuer certificate"). Import the intermediate named above; your CA offers it for download.',
      file: 'Intermediate certificates',
      fileHint: 'PEM, DER or a PKCS#7 bundle; several certificates in one file are fine.',
      skip: 'Skip',
    },
    use: {
      title: 'Use it for SIP over TLS',
      intro:
        'The SIP TLS listeners switch to this certificate for new connections; connections already open stay as they are.',
      trustNote:
        'Which CAs each connection trusts is set per connection in its TLS settings (add the roots on this page first).',
      action: 'Use for SIP TLS',
    },
    done: {
      title: 'Done',
      serving_one: 'The certificate now serves {{count}} SIP TLS listener.',
      serving_other: 'The certificate now serves {{count}} SIP TLS listeners.',
      noListener:
        'The certificate is chosen for SIP TLS. No SIP TLS listener is running yet; it will be used as soon as one is.',
    },
  },
  pkcs12: {
    title: 'Import a PFX file',
    intro:
      'A .pfx or .p12 file holds the key, the certificate and usually its chain, as exported from Windows. The password is used once to open the file and is not kept.',
    label: 'Label',
    file: 'PFX file',
    password: 'Password of the file',
    passwordHint: 'Leave empty if the file has none.',
    imported: '"{{label}}" was imported.',
  },
  trustedAdd: {
    title: 'Add a trusted CA',
    bundledTab: 'Roots shipped with the engine',
    fileTab: 'From a file',
    trusted: 'Trusted',
    notBundled: 'Not in the bundle',
    label: 'Label',
    file: 'CA certificate',
    fileHint: 'PEM, DER or a PKCS#7 bundle; every certificate in it is added.',
    add: 'Add',
    added_one: '{{count}} CA added to the trusted CAs.',
    added_other: '{{count}} CAs added to the trusted CAs.',
    alreadyTrusted: 'Nothing added: the engine trusts this CA already.',
  },
  remove: {
    title: 'Remove "{{label}}"?',
    confirm: 'Remove',
    body: 'The entry and its private key are deleted from the engine. Connections using it stop working. This cannot be undone.',
    pendingBody:
      'The request and its private key are deleted. A certificate the CA issues for this request afterwards cannot be imported anymore.',
  },
  usedBy: 'Used by',
  yes: 'Yes',
  none: '—',
};

import { de } from './strings.de.ts';

export { de };
export const strings = { en, de };
