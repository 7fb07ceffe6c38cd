// Versions an engine reports in /identity so that a client can tell what it can talk to.
export const MGMT_API_VERSION = 1;
export const CONFIG_SCHEMA_VERSION = 1;
