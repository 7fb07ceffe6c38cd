// Browses with the app's discovery service on one interface and prints every change of a browsed
// engine as one JSON line; run inside a network namespace by the mDNS tests. Stops on SIGTERM.
import { DiscoveryService } from '../../electron/services/discovery/discovery-service.ts';

const networkInterface = process.argv[2] ?? '127.0.0.1';
const service = new DiscoveryService({
  mdns: { interface: networkInterface },
  recheckMs: 500,
  probeTimeoutMs: 1000,
  onBrowsed: (engine) => process.stdout.write(`${JSON.stringify(engine)}\n`),
  log: (line) => process.stderr.write(`${line}\n`),
});
service.browse();
// browse() keeps the search alive, asks the network again and re-checks what it found.
const timer = setInterval(() => service.browse(), 500);
process.stdout.write('{"watching":true}\n');
process.on('SIGTERM', () => {
  clearInterval(timer);
  void service.close().then(() => process.exit(0));
});
