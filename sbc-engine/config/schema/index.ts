// The engine configuration model: schema, sections, parsing, migrations, secrets, JSON Schema.
export { Config, type ConfigInput } from './config.ts';
export {
  Connection,
  HeaderRules,
  MediaPolicy,
  NumberBlock,
  Registration,
  SdpRules,
  Target,
} from './connections.ts';
export { findReferenceProblems, type ReferenceProblem } from './cross-references.ts';
export { FailoverGroup } from './failover-groups.ts';
export {
  canonicalAddress,
  canonicalCidr,
  isFqdn,
  isHostname,
  parseCidr,
  parseIpAddress,
} from './ip-address.ts';
export { CONFIG_JSON_SCHEMA_FILE, configJsonSchema } from './json-schema.ts';
export { LoggingSection, SEVERITIES, Severity } from './logging.ts';
export { MediaSection, SRTP_SUITES, SrtpSuite } from './media.ts';
export {
  CONFIG_MIGRATIONS,
  migrateConfig,
  type ConfigMigration,
  type MigrationResult,
} from './migrations.ts';
export { defaultConfig, formatPath, parseConfig, type ConfigError, type ParseConfigResult } from './parse.ts';
export { MAX_PATTERN_LENGTH, NumberRewrite, Route, RouteTarget } from './routes.ts';
export { SECRET_MARKER, Secret } from './secret.ts';
export {
  configSecretPaths,
  EVERY,
  findSecretPaths,
  mergeSecrets,
  redactSecrets,
  type MergeSecretsResult,
} from './secrets.ts';
export { NetworkInterface, SystemSection } from './system.ts';
export { MUTUAL_AUTH_MODES, NAME_CHECKS, TLS_VERSIONS, TlsProfile, TrustedCaRef } from './tls-profiles.ts';
export { DEFAULT_LISTENERS, DEFAULT_TLS_PROFILE_ID, Listener, SessionTimers, VoipSection } from './voip.ts';
