// Browser mode sends the desktop window's policy (electron/security.ts holds every security
// setting) as headers, plus the headers a plain browser needs that a BrowserWindow does not.
import { CONTENT_SECURITY_POLICY } from '../security.ts';

export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};
