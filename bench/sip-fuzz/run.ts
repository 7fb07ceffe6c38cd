// The long fuzz run of the SIP parsers (the test suite runs 100,000 cases): millions of mutated
// messages, no crash, no hang, and heap back to its baseline afterwards. Prints cases per second.
import { checkRequest, checkResponse } from '../../sbc-engine/sip/validate.ts';
import { parseMessage } from '../../sbc-engine/sip/parser.ts';
import { serializeMessage, SipSerializeError } from '../../sbc-engine/sip/serializer.ts';
import { mutate, seededRandom } from '../../test/helpers/mutate.ts';
import { INVITE, OPTIONS, REGISTER, RESPONSE } from '../../test/helpers/sip-messages.ts';

const CASES = Number(process.env.FUZZ_CASES ?? 2_000_000);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const seeds = [OPTIONS, INVITE, REGISTER, RESPONSE];
const random = seededRandom(SEED);

function heapMiB(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

const baseline = heapMiB();
const started = performance.now();
let parsed = 0;
let slowest = 0;
for (let i = 0; i < CASES; i++) {
  const input = mutate(seeds[i % seeds.length]!, random);
  const t = performance.now();
  const result = parseMessage(input);
  if (result.ok) {
    parsed++;
    if (result.message.type === 'request') checkRequest(result.message);
    else checkResponse(result.message);
    try {
      const again = parseMessage(serializeMessage(result.message));
      if (!again.ok)
        throw new Error(
          `case ${i} (seed ${SEED}): the serialized message does not parse: ${again.error.reason}`,
        );
    } catch (error) {
      // A value the serializer refuses on purpose (CR/LF smuggling) is not a failure.
      if (!(error instanceof SipSerializeError)) throw error;
    }
  }
  slowest = Math.max(slowest, performance.now() - t);
}
const seconds = (performance.now() - started) / 1000;
const after = heapMiB();
console.log(
  `seed ${SEED}: ${CASES.toLocaleString('en')} cases in ${seconds.toFixed(1)} s (${(CASES / seconds).toFixed(0)}/s), ${parsed.toLocaleString('en')} parsed`,
);
console.log(
  `slowest single case ${slowest.toFixed(2)} ms; heap ${baseline.toFixed(1)} MiB before, ${after.toFixed(1)} MiB after`,
);
