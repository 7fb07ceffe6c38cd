// Keeps the engine's DNS-SD announcement true: publishes it at start, publishes it again when a
// fact in it changes (the engine got set up), and takes it back when the engine stops.
import { announcementTxt, instanceName, type AnnouncementFacts } from './announcement.ts';
import type { MdnsPublisher } from './mdns-publisher.ts';

export interface Announcer {
  /** Compares the facts with what was published and re-publishes when they differ. */
  check(): Promise<void>;
  stop(): Promise<void>;
}

export interface AnnouncerOptions {
  facts: () => AnnouncementFacts;
  publisher: MdnsPublisher;
  log: (line: string) => void;
  /** How often the facts are compared; 0 turns the timer off (tests call check()). */
  recheckMs?: number;
  /** The config's system.announce: while false, nothing is published (what was is taken back). */
  enabled?: () => boolean;
}

export async function startAnnouncer(options: AnnouncerOptions): Promise<Announcer> {
  const { publisher, log } = options;
  let published = '';
  let stopped = false;

  async function check(): Promise<void> {
    if (stopped) return;
    if (options.enabled && !options.enabled()) {
      if (published) await publisher.withdraw();
      published = '';
      return;
    }
    const facts = options.facts();
    const service = { name: instanceName(facts), port: facts.mgmtPort, txt: announcementTxt(facts) };
    const key = JSON.stringify(service);
    if (key === published) return;
    published = key;
    await publisher.publish(service);
  }

  await check();
  const recheckMs = options.recheckMs ?? 15_000;
  const timer =
    recheckMs > 0
      ? setInterval(() => {
          check().catch((error: Error) => log(`[discovery] announcement not updated: ${error.message}`));
        }, recheckMs)
      : undefined;
  timer?.unref();
  return {
    check,
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      await publisher.close();
    },
  };
}
