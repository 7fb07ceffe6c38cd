// Names of the files in an engine's data folder. The app reads two of them, and only for the
// bundled engine on this computer: the setup key and the management certificate, which stand in
// for the console output the user would otherwise copy.
export const DATA_FILES = {
  engine: 'engine.json',
  mgmtKey: 'mgmt-key.pem',
  mgmtCert: 'mgmt-cert.pem',
  admin: 'admin.json',
  setupKey: 'setup-key',
  pid: 'engine.pid',
  log: 'engine.log',
  /** The config store: current config, kept versions, trial state (runtime/config-store/). */
  config: 'config',
} as const;
