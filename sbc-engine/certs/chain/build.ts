// Builds and checks the chain a TLS peer will see: leaf first, then each issuer, up to a root
// (RFC 8446 §4.4.2, RFC 5246 §7.4.2). Pure logic on parsed certificates; no file I/O.
// Signatures are verified with node:crypto, so a certificate that merely carries the right issuer
// name but was signed by another key is not taken for the issuer.
import type { X509Certificate } from 'node:crypto';
import { isSelfSigned } from '../inspect/summary.ts';
import type { NameCheck } from '../name-match.ts';
import {
  checkIssuerIsCa,
  checkKeySize,
  checkName,
  checkPurpose,
  checkValidity,
  label,
  type Purpose,
} from './checks.ts';
import { checkOrder } from './order.ts';
import { problem, type Problem, type Severity } from './problem.ts';

export interface ChainOptions {
  now?: Date;
  purpose?: Purpose;
  /** Host name the peer will dial; checked against the leaf when given. */
  expectedName?: string;
  nameCheck?: NameCheck;
  /** How bad a root outside `trustedRoots` is: 'warning' when the peer's trust store is unknown. */
  untrustedRoot?: Severity;
}

export interface ChainResult {
  /** Leaf → intermediates → root, as far as it could be built. */
  chain: X509Certificate[];
  /** What a TLS server should send: the chain without its self-signed root (seed 001's advice). */
  toSend: X509Certificate[];
  complete: boolean;
  trusted: boolean;
  /** Certificates of the pool that are not part of this chain. */
  unused: X509Certificate[];
  problems: Problem[];
}

const MAX_DEPTH = 8;

function same(a: X509Certificate, b: X509Certificate): boolean {
  return a.fingerprint256 === b.fingerprint256;
}

function issues(issuer: X509Certificate, child: X509Certificate): boolean {
  // Node's checkIssued reads "this certificate was issued by the argument" (names and key ids).
  return child.checkIssued(issuer) && child.verify(issuer.publicKey);
}

// A CA certificate whose issuer is missing usually hangs off a root the peer may trust anyway;
// a leaf's missing issuer is the intermediate the CA sent along and the admin did not import.
function missingIssuer(cert: X509Certificate): Problem {
  const issuer = cert.issuer.split('\n').join(', ');
  const fix = cert.ca
    ? `if it is a root, add it to the trusted roots; if it is an intermediate, add it to the bundle`
    : `add this intermediate (from your CA's download page) to the bundle`;
  return problem('missing-issuer', 'error',
    `the chain is incomplete: "${issuer}", the issuer of ${label(cert)}, is neither in the bundle nor among the trusted roots. Peers report this as "unable to get local issuer certificate": ${fix}`,
    label(cert)); // prettier-ignore
}

export function buildChain(
  leaf: X509Certificate,
  pool: readonly X509Certificate[],
  trustedRoots: readonly X509Certificate[],
  options: ChainOptions = {},
): ChainResult {
  const now = options.now ?? new Date();
  const problems: Problem[] = [];
  const chain = [leaf];
  let complete = false;
  let trusted = trustedRoots.some((root) => same(root, leaf));
  if (isSelfSigned(leaf)) {
    problems.push(problem('self-signed-leaf', trusted ? 'warning' : 'error',
      `${label(leaf)} is self-signed: peers accept it only when it is pinned or imported as trusted; ask a CA to sign it for use with Teams or a SIP provider`,
      label(leaf))); // prettier-ignore
    complete = true;
  }
  for (let current = leaf; !complete && !trusted && chain.length <= MAX_DEPTH;) {
    const anchor = trustedRoots.find((root) => issues(root, current));
    const next = anchor ?? pool.find((cert) => !chain.some((c) => same(c, cert)) && issues(cert, current));
    if (!next) {
      const impostor = [...pool, ...trustedRoots].find(
        (cert) => !same(cert, current) && cert.subject === current.issuer,
      );
      if (impostor)
        problems.push(problem('bad-signature', 'error',
          `${label(impostor)} has the name of the issuer of ${label(current)}, but its key did not sign it: the CA was re-keyed or this is another CA with the same name; get the matching intermediate`,
          label(current))); // prettier-ignore
      else problems.push(missingIssuer(current));
      break;
    }
    chain.push(next);
    trusted = anchor !== undefined;
    complete = trusted || isSelfSigned(next);
    current = next;
  }

  const root = chain.length > 1 && isSelfSigned(chain.at(-1)!) ? chain.at(-1)! : undefined;
  if (root && pool.some((cert) => same(cert, root)))
    problems.push(problem('root-in-bundle', 'info',
      `the bundle also holds the root ${label(root)}; it is set aside and not sent, since peers must already trust it`,
      label(root))); // prettier-ignore
  if (complete && !trusted && chain.length > 1)
    problems.push(problem('root-not-trusted', options.untrustedRoot ?? 'error',
      `the chain ends at ${label(chain.at(-1)!)}, which is not among the trusted roots: the peer must have this root in its trust store`,
      label(chain.at(-1)!))); // prettier-ignore

  chain.forEach((cert, index) => {
    const role = index === 0 ? 'certificate' : cert === root ? 'root' : 'intermediate';
    problems.push(...checkValidity(cert, now, role), ...checkKeySize(cert, role));
    if (index > 0) problems.push(...checkIssuerIsCa(cert));
  });
  problems.push(...checkPurpose(leaf, options.purpose ?? 'server'));
  if (options.expectedName)
    problems.push(...checkName(leaf, options.expectedName, options.nameCheck ?? 'wildcard'));
  problems.push(...checkOrder(chain, pool));

  const unused = pool.filter((cert) => !chain.some((c) => same(c, cert)));
  for (const cert of unused)
    problems.push(
      problem(
        'unused-certificate',
        'info',
        `${label(cert)} is not part of this chain and was set aside`,
        label(cert),
      ),
    );
  return { chain, toSend: root ? chain.slice(0, -1) : chain, complete, trusted, unused, problems };
}
