// `sbc-studio profiles list [--json]`: the provider profiles a new connection can start from, with
// the questions each one asks (the ids `config new --answer` takes).
import { parseArgs } from 'node:util';
import type { Profile, Question } from '../../sbc-engine/config/profiles/index.ts';
import { loadBundledProfiles } from '../../sbc-engine/resources/bundled-profiles.ts';
import { resourcesDir } from '../../sbc-engine/resources/resources-dir.ts';
import { consoleOutput, type CliOutput } from './output.ts';

export const PROFILES_HELP = `Usage: sbc-studio profiles list [--json]

  Lists the provider profiles (resources/profiles/) and the questions each asks; answer them with
  "sbc-studio config new --profile ID --answer QUESTION=VALUE".`;

export function describeQuestion(question: Question) {
  const fallback = question.default;
  return {
    id: question.id,
    label: question.label,
    type: question.type,
    required: question.required,
    help: question.help,
    ...(question.example ? { example: question.example } : {}),
    ...(question.choices ? { choices: question.choices.map((choice) => choice.value) } : {}),
    ...(fallback
      ? {
          default:
            'value' in fallback
              ? { value: fallback.value, confidence: fallback.confidence }
              : { template: fallback.template, confidence: fallback.confidence },
        }
      : {}),
  };
}

export function profileSummary(profile: Profile) {
  return {
    id: profile.id,
    name: profile.name,
    kind: profile.kind,
    description: profile.description,
    status: profile.status.state,
    warning: profile.status.state === 'legacy' ? profile.status.warning : null,
    questions: profile.questions.map(describeQuestion),
  };
}

export async function profilesCommand(argv: string[], io: CliOutput = consoleOutput): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    io.err(`sbc-studio profiles: ${(error as Error).message}\n\n${PROFILES_HELP}`);
    return 2;
  }
  if (parsed.values.help) return (io.out(PROFILES_HELP), 0);
  if (parsed.positionals.join(' ') !== 'list') {
    io.err(`sbc-studio profiles: expected "profiles list"\n\n${PROFILES_HELP}`);
    return 2;
  }
  let profiles: Profile[];
  try {
    profiles = await loadBundledProfiles(resourcesDir(import.meta.url));
  } catch (error) {
    io.err(`sbc-studio profiles: ${(error as Error).message}`);
    return 2;
  }
  if (parsed.values.json) {
    io.out(JSON.stringify(profiles.map(profileSummary), null, 2));
    return 0;
  }
  const width = Math.max(...profiles.map((profile) => profile.id.length));
  for (const profile of profiles) {
    const legacy = profile.status.state === 'legacy' ? ' (legacy)' : '';
    io.out(`${profile.id.padEnd(width)}  ${profile.name}${legacy}`);
    const asks = profile.questions.map((q) => `${q.id}${q.required && !q.default ? '' : '?'}`);
    io.out(`${''.padEnd(width)}  asks: ${asks.join(', ') || 'nothing'}`);
  }
  io.out('');
  io.out('? = optional or has a default. Details: sbc-studio profiles list --json');
  return 0;
}
