// @cannon/errors: the typed errors every @cannon package throws, and the input checks that throw them.
export {
  BackendError,
  CannonError,
  InvalidInputError,
  ModelFileError,
  NoLandingError,
  OutsideDomainError,
  UnreachableTargetError,
  type ErrorCode,
  type ReachConditions,
  type ReachConditions3d,
} from './errors.js';
export { checkInteger, checkNumber, checkRange, isNumberColumn } from './checks.js';
