export {
  createKeyAndRequest,
  validateRequestSpec,
  KEY_ALGORITHMS,
  type KeyAlgorithm,
  type KeyAndRequest,
  type RequestSpec,
} from './create.ts';
export { checkRequestNames, isValidDnsName, type RequestNameCode, type RequestNameProblem } from './names.ts';
