import { defaultConfig, type Config } from '../config/schema/index.ts';

/**
 * The config of an engine that has never had one applied: the schema's defaults, but no SIP
 * listener. The defaults would open 5060 and 5061 on every interface the moment the engine first
 * starts, before anyone has configured it: an open SIP port on a machine nobody set up yet, and a
 * firewall prompt on the desktop of a user who only started SBC Studio. The first config an admin
 * applies (from a provider profile, with the schema's default listeners) opens them.
 */
export function initialConfig(): Config {
  const config = defaultConfig();
  return { ...config, voip: { ...config.voip, listeners: [] } };
}
