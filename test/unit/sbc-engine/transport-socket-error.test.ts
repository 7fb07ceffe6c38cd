// A TCP/TLS failure reaches the admin in words, with the system's code kept for searching.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeSocketError } from '../../../sbc-engine/transport/stream-flow.ts';

const remote = { address: '192.0.2.10', port: 5061 };

it('says what a reset, a broken pipe and a timeout mean, and where', () => {
  const error = (code: string) => Object.assign(new Error(`read ${code}`), { code });
  assert.equal(
    describeSocketError(error('ECONNRESET'), 'tls', remote),
    'the peer reset the connection (tls:192.0.2.10:5061, ECONNRESET): it closed or restarted',
  );
  assert.match(
    describeSocketError(error('EPIPE'), 'tcp', remote),
    /closed by the peer .*tcp:192\.0\.2\.10:5061/,
  );
  assert.match(describeSocketError(error('ETIMEDOUT'), 'tcp', remote), /timed out/);
  assert.equal(describeSocketError(new Error('odd'), 'tcp', remote), 'odd (tcp:192.0.2.10:5061)');
});
