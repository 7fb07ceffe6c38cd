// Seeded mutations for fuzz tests: the same seed gives the same cases, so a failure reproduces.

export function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    // xorshift32
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

const INTERESTING = [
  0x00, 0x0d, 0x0a, 0x20, 0x09, 0x3a, 0x3b, 0x2c, 0x3c, 0x3e, 0x22, 0x5c, 0x25, 0x40, 0x5b, 0x5d, 0xff, 0xc3,
  0x80, 0x7f,
];

export function mutate(seed: Buffer, random: () => number): Buffer {
  const bytes = [...seed];
  const edits = 1 + Math.floor(random() * 4);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(random() * bytes.length);
    const pick = random();
    if (pick < 0.3) bytes[at] = INTERESTING[Math.floor(random() * INTERESTING.length)]!;
    else if (pick < 0.5) bytes.splice(at, 0, INTERESTING[Math.floor(random() * INTERESTING.length)]!);
    else if (pick < 0.65) bytes.splice(at, 1 + Math.floor(random() * 8));
    else if (pick < 0.75) bytes[at] = Math.floor(random() * 256);
    else if (pick < 0.85) {
      // duplicate a slice (a repeated header line, a doubled parameter)
      const length = 1 + Math.floor(random() * 40);
      bytes.splice(at, 0, ...bytes.slice(at, at + length));
    } else if (pick < 0.92)
      bytes.length = at; // truncation
    else {
      const digits = String(Math.floor(random() * 10 ** (1 + Math.floor(random() * 12))));
      bytes.splice(at, 0, ...Buffer.from(digits));
    }
  }
  return Buffer.from(bytes);
}
