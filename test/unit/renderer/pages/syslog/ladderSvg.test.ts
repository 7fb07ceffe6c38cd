import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { LadderView } from '../../../../../electron/api/contract.ts';
import {
  arrowPath,
  headPath,
  ladderGeometry,
  ladderSvgDocument,
} from '../../../../../renderer/pages/syslog/ladderSvg.ts';

const ladder: LadderView = {
  columns: [
    { index: 0, label: 'pbx.test', aliases: ['192.0.2.10', 'pbx.test'], logging: false, x: 100 },
    { index: 1, label: 'sbc1', aliases: ['sbc1'], logging: true, x: 300 },
  ],
  arrows: [
    { index: 0, messageId: 1, from: 0, to: 1, label: 'INVITE (SDP)', time: 0, y: 60, kind: 'request', retransmission: false, problems: [] },
    { index: 1, messageId: 2, from: 1, to: 0, label: '488 Not Acceptable Here', time: 5, y: 92, kind: 'response', retransmission: false, problems: ['error-response', 'sdp-rejected'] },
    { index: 2, messageId: 3, from: 0, to: 1, label: 'INVITE <x>', time: 9, y: 124, kind: 'request', retransmission: true, problems: ['retransmission'] },
  ],
  problems: [{ kind: 'sdp-rejected', arrow: 1, text: '488: likely cause: ICE offered' }],
  width: 400,
  height: 164,
}; // prettier-ignore

it('turns the layout into arrows between the columns, problems in red, retransmissions dashed', () => {
  const g = ladderGeometry(ladder);
  assert.deepEqual(
    g.arrows.map((a) => [a.x1, a.x2, a.tone, a.dashed, a.labelX]),
    [
      [100, 300, 'request', false, 200],
      [300, 100, 'error', false, 200],
      [100, 300, 'warning', true, 200],
    ],
  );
  assert.deepEqual(g.arrows[1]!.problems, ['488: likely cause: ICE offered']);
  assert.equal(arrowPath(g.arrows[0]!), 'M 100 60 H 300');
  assert.equal(headPath(g.arrows[1]!), 'M 100 92 l 8 -4 v 8 z', 'the head points at the receiver');
});

it('exports a standalone SVG with the labels escaped', () => {
  const svg = ladderSvgDocument(ladderGeometry(ladder), 'Call "a" & b', ['09:00:00.000', '', '']);
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.match(svg, /<title>Call &quot;a&quot; &amp; b<\/title>/);
  assert.match(svg, />INVITE &lt;x&gt;</);
  assert.equal(svg.match(/<path d="M [\d. ]+ H/g)?.length, 3);
});
