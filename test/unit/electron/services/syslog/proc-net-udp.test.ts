// Kernel UDP drops read from a /proc/net/udp table by socket inode.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { dropsForInode } from '../../../../../electron/services/syslog/proc-net-udp.ts';

const TABLE = `   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
  583: 0100007F:15B6 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 123456 2 0000000000000000 0
  584: 0100007F:15B7 00000000:0000 07 00000000:00003400 00:00000000 00000000     0        0 123457 2 0000000000000000 31107
`;

it('finds the drops column of our socket by inode, and nothing for another inode', () => {
  assert.equal(dropsForInode(TABLE, 123457), 31107);
  assert.equal(dropsForInode(TABLE, 123456), 0);
  assert.equal(dropsForInode(TABLE, 999), undefined);
});
