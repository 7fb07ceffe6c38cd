// Provider profiles: the file format, the loader (one door), applying a profile to a config, the
// confidence report and the Teams PowerShell.
export { checkAnswer, checkAnswers, renderTemplate, type AnswerError, type AnswerValue } from './answers.ts';
export {
  applyProfile,
  STUDIO_SOURCE_ID,
  type AddedParts,
  type ApplyError,
  type ApplyResult,
  type DefaultUsed,
  type ResolvedNote,
} from './apply.ts';
export { getAtPath, parseConfigPath, setAtPath, type PathKey } from './config-path.ts';
export { confidenceReport, describeSource, type ConfirmationItem } from './confidence.ts';
export {
  checkProfile,
  loadProfiles,
  parseProfileText,
  ProfileLoadError,
  PROFILES_FOLDER,
  type ProfileCheckOptions,
  type ProfileReader,
} from './load.ts';
export {
  CONFIDENCES,
  PROFILE_FORMAT_VERSION,
  ProfileFile,
  QUESTION_TYPES,
  type Confidence,
  type Profile,
  type Question,
  type Setting,
  type Source,
} from './profile-schema.ts';
export {
  isTeamsConnection,
  psQuote,
  TEAMS_PROFILE_IDS,
  teamsConnections,
  teamsPowerShell,
  type TeamsScriptOptions,
  type TeamsScriptResult,
} from './teams-powershell.ts';
