// Where things live when nobody says otherwise. The management API listens on loopback only by
// default: exposing it on a network is a decision the admin makes with --mgmt.
export const DEFAULT_MGMT_HOST = '127.0.0.1';
export const DEFAULT_MGMT_PORT = 8743;
