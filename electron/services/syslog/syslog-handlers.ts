// The syslog entries of the API contract, wired to the receiver service, its analyzer and (for
// "send this engine's logs here") the engines service.
import { networkInterfaces } from 'node:os';
import { dirname, join } from 'node:path';
import { defaultAppDataDir } from '../app-paths.ts';
import type { AppServicesOptions } from '../app-services.ts';
import type { Handlers } from '../dispatch.ts';
import type { EngineRegistry } from '../engines/engine-registry.ts';
import type { EnginesService } from '../engines/engines-service.ts';
import { ServiceError } from '../service-error.ts';
import { callsCsv } from './calls-csv.ts';
import { pickListener, reachableAddress, withSyslogTarget } from './engine-log-target.ts';
import { sourceHost } from './log-analyzer.ts';
import { callPackets, writePcap } from './pcap-export.ts';
import { SyslogService } from './syslog-service.ts';
import { readSyslogSettings } from './syslog-settings.ts';

type SyslogMethod = Extract<keyof Handlers, `syslog.${string}`>;

/**
 * The app's receiver service, when the app's wiring asks for one (AppServicesOptions.syslog names
 * the CLI bundle that runs the receiver process); none otherwise (services wired by tests).
 */
export function defaultSyslogService(options: AppServicesOptions): SyslogService | null {
  if (!options.syslog?.cliScript) return null;
  const appDataDir = options.bundledEngine ? dirname(options.bundledEngine.dataDir) : defaultAppDataDir();
  const service = new SyslogService({
    dataDir: options.syslog.dataDir ?? join(appDataDir, 'syslog'),
    cliScript: options.syslog.cliScript,
    store: options.store,
    log: options.log,
    ...(options.syslog.env ? { env: options.syslog.env } : {}),
  });
  const autoStart = options.syslog.autoStart ?? true;
  if (autoStart && readSyslogSettings(options.store).autoStart) {
    void service.start().then((status) => {
      if (status.error) options.log(`[syslog] the receiver did not start: ${status.error}`);
    });
  }
  return service;
}

function fileStamp(time: number): string {
  return new Date(time).toISOString().replace(/[:.]/g, '-').slice(0, 19);
}

export function createSyslogHandlers(
  service: SyslogService | null,
  engines: EnginesService,
  registry: EngineRegistry,
): Pick<Handlers, SyslogMethod> {
  function receiver(): SyslogService {
    if (!service) throw new ServiceError('not-found', 'This SBC Studio runs without a syslog receiver.');
    return service;
  }
  return {
    'syslog.status': async () => receiver().status(),
    'syslog.start': () => receiver().start(),
    'syslog.stop': () => receiver().stop(),
    'syslog.configure': (input) => receiver().configure(input),
    'syslog.tail': (input) => receiver().analyzer.tail(input.after, input.limit),
    'syslog.query': (input) =>
      receiver().analyzer.search(input.query, {
        ...(input.before !== undefined ? { before: input.before } : {}),
        ...(input.limit !== undefined ? { limit: input.limit } : {}),
      }),
    'syslog.calls': (input) => receiver().analyzer.calls(input),
    'syslog.call': (input) => receiver().analyzer.call(input.callIds),
    'syslog.message': async (input) => {
      const message = await receiver().analyzer.message(input.id);
      if (!message) throw new ServiceError('not-found', `Message ${input.id} is not in the log (deleted by retention?).`); // prettier-ignore
      return message;
    },
    'syslog.exportPcap': async (input) => {
      const { messages, ladder, sources } = await receiver().analyzer.callForExport(input.callIds);
      if (messages.length === 0) throw new ServiceError('not-found', 'No SIP messages of this call are in the log.'); // prettier-ignore
      const packets = callPackets(messages, ladder, (m) => sourceHost(sources.get(Number(m.id)) ?? null));
      return {
        fileName: `call-${fileStamp(messages[0]!.time)}.pcap`,
        base64: writePcap(packets).toString('base64'),
        packets: packets.length,
      };
    },
    'syslog.exportCalls': async (input) => {
      const { calls } = await receiver().analyzer.calls(input);
      return { fileName: `calls-${fileStamp(Date.now())}.csv`, csv: callsCsv(calls), calls: calls.length };
    },
    'syslog.sendEngineLogs': async ({ engineId, sipTrace }) => {
      const engine = registry.get(engineId);
      if (!engine) throw new ServiceError('not-found', 'This engine is not in the list anymore.');
      const host = reachableAddress(engine.host, engine.bundled, networkInterfaces());
      const target = pickListener(receiver().boundListeners(), host);
      const current = await engines.forward(engineId, 'configGet', {});
      const applied = await engines.applyConfig(engineId, {
        config: withSyslogTarget(current.config, target, sipTrace),
        comment: `Syslog to SBC Studio at ${host}:${target.port} (${target.transport.toUpperCase()})`,
        ifMatch: current.etag,
      });
      return { ...target, version: applied.version };
    },
  };
}
