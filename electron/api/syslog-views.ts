// The shapes of the syslog analyzer (electron/services/syslog/) in the app contract: the receiver's
// status and the store's answers.
import { z } from 'zod';

export const SyslogListen = z.string().min(1).max(300);
export const SyslogSettingsView = z.object({
  udp: z.array(z.string()),
  tcp: z.array(z.string()),
  autoStart: z.boolean(),
  retentionDays: z.number().optional(),
  maxSizeMb: z.number().optional(),
});
export const BoundSocket = z.object({ transport: z.string(), address: z.string(), port: z.number() });
export const SyslogStatus = z.object({
  state: z.enum(['stopped', 'starting', 'running', 'failed', 'unavailable']),
  dataDir: z.string(),
  pid: z.number().optional(),
  listeners: z.array(BoundSocket),
  notes: z.array(z.string()),
  /** The receiver's figures (ReceiverStats); passed through as reported. */
  stats: z
    .object({
      received: z.object({ udp: z.number(), tcp: z.number(), tls: z.number() }),
      receivedBytes: z.number(),
      raw: z.object({
        written: z.number(),
        writtenBytes: z.number(),
        queuedBytes: z.number(),
        droppedQueueFull: z.number(),
        lostWriteFailed: z.number(),
      }),
      kernelDrops: z.number().nullable(),
      truncated: z.number(),
      connections: z.object({ open: z.number(), total: z.number() }),
      index: z
        .object({
          messages: z.number(),
          lagBytes: z.number(),
          ftsLag: z.number(),
          unparsed: z.number(),
          senders: z.number(),
          sequenceMissing: z.number(),
          error: z.string().optional(),
        })
        .nullable(),
    })
    .optional(),
  settings: SyslogSettingsView,
  overridden: z.boolean(),
  error: z.string().optional(),
});
export type SyslogStatus = z.infer<typeof SyslogStatus>;
export const LogRowView = z.object({
  id: z.number(),
  time: z.number(),
  received: z.number(),
  source: z.string().nullable(),
  host: z.string().nullable(),
  app: z.string().nullable(),
  severity: z.number().nullable(),
  msgId: z.string().nullable(),
  flags: z.number(),
  text: z.string(),
  cut: z.boolean(),
  callId: z.string().optional(),
  method: z.string().optional(),
  status: z.number().optional(),
  direction: z.string().optional(),
});
export type LogRowView = z.infer<typeof LogRowView>;
export const CallView = z.object({
  id: z.string(),
  kind: z.enum(['call', 'options', 'register', 'other']),
  callIds: z.array(z.string()),
  startTime: z.number(),
  endTime: z.number(),
  from: z.string().optional(),
  to: z.string().optional(),
  state: z.enum(['trying', 'ringing', 'answered', 'failed', 'ended', 'pending', 'ok']),
  finalStatus: z.number().optional(),
  finalReason: z.string().optional(),
  durationMs: z.number().optional(),
  connection: z.string().optional(),
  peer: z.string().optional(),
  host: z.string().optional(),
  linkedBy: z.string().optional(),
  messages: z.number(),
});
export type CallView = z.infer<typeof CallView>;
export const ProblemKind = z.enum(['error-response', 'retransmission', 'missing-ack', 'sdp-rejected']);
export const LadderView = z.object({
  columns: z.array(
    z.object({
      index: z.number(),
      label: z.string(),
      aliases: z.array(z.string()),
      logging: z.boolean(),
      x: z.number(),
    }),
  ),
  arrows: z.array(
    z.object({
      index: z.number(),
      messageId: z.union([z.number(), z.string()]),
      callId: z.string().optional(),
      from: z.number(),
      to: z.number(),
      label: z.string(),
      time: z.number(),
      y: z.number(),
      kind: z.enum(['request', 'response']),
      retransmission: z.boolean(),
      problems: z.array(ProblemKind),
    }),
  ),
  problems: z.array(
    z.object({
      kind: ProblemKind,
      arrow: z.number(),
      text: z.string(),
      causes: z.array(z.object({ code: z.string(), text: z.string() })).optional(),
    }),
  ),
  width: z.number(),
  height: z.number(),
});
export type LadderView = z.infer<typeof LadderView>;
export const CallMessageView = z.object({
  id: z.number(),
  time: z.number(),
  host: z.string().optional(),
  source: z.string().nullable(),
  callId: z.string().optional(),
  direction: z.string().optional(),
  peer: z.string().optional(),
  firstLine: z.string(),
  sipText: z.string(),
  truncated: z.boolean(),
});
export type CallMessageView = z.infer<typeof CallMessageView>;
export const LogMessageDetail = z.object({
  id: z.number(),
  time: z.number(),
  received: z.number(),
  source: z.string().nullable(),
  host: z.string().nullable(),
  app: z.string().nullable(),
  severity: z.number().nullable(),
  flags: z.number(),
  text: z.string(),
  sip: z
    .object({ text: z.string(), start: z.number(), end: z.number(), callId: z.string().optional() })
    .optional(),
});
export type LogMessageDetail = z.infer<typeof LogMessageDetail>;
export const CallIds = z.array(z.string().min(1).max(255)).min(1).max(50);
export const TimeMs = z.number().int().nonnegative();
