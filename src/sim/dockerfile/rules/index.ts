/** Every rule, in the order findings of equal level are listed. One file per rule code. */
import type { Rule } from '../rule';
import addInsteadOfCopy from './add-instead-of-copy';
import alpineBase from './alpine-base';
import aptInsteadOfAptGet from './apt-instead-of-apt-get';
import aptListsNotRemoved from './apt-lists-not-removed';
import aptNoRecommends from './apt-no-recommends';
import baseNotSlim from './base-not-slim';
import buildToolsInRuntime from './build-tools-in-runtime';
import devServer from './dev-server';
import dockerignoreIncomplete from './dockerignore-incomplete';
import dockerignoreMissing from './dockerignore-missing';
import dockerignoreRootAnchored from './dockerignore-root-anchored';
import entrypointNotPid1 from './entrypoint-not-pid1';
import eolPython from './eol-python';
import execFormVariable from './exec-form-variable';
import expansionTooLong from './expansion-too-long';
import exposeMismatch from './expose-mismatch';
import flaskDebug from './flask-debug';
import flaskEnvObsolete from './flask-env-obsolete';
import gracefulVsStopTimeout from './graceful-vs-stop-timeout';
import gunicornBindDefault from './gunicorn-bind-default';
import gunicornReload from './gunicorn-reload';
import gunicornTimeoutZero from './gunicorn-timeout-zero';
import healthcheckMissing from './healthcheck-missing';
import healthcheckPortMismatch from './healthcheck-port-mismatch';
import healthcheckToolMissing from './healthcheck-tool-missing';
import invalidJsonArgs from './invalid-json-args';
import legacyEnvFormat from './legacy-env-format';
import maintainerDeprecated from './maintainer-deprecated';
import multipleCmd from './multiple-cmd';
import noGunicornConfig from './no-gunicorn-config';
import parseError from './parse-error';
import parseWarning from './parse-warning';
import pipCache from './pip-cache';
import pipefailMissing from './pipefail-missing';
import pythonUnbuffered from './python-unbuffered';
import pythonVersionMismatch from './python-version-mismatch';
import rootUser from './root-user';
import runCd from './run-cd';
import secretFileCopied from './secret-file-copied';
import secretInEnv from './secret-in-env';
import shellFormCmd from './shell-form-cmd';
import shellWrapper from './shell-wrapper';
import singleStage from './single-stage';
import stopSignalQuick from './stop-signal-quick';
import unpinnedBase from './unpinned-base';
import unpinnedPackages from './unpinned-packages';
import userNotCreated from './user-not-created';
import venvNotOnPath from './venv-not-on-path';
import workdirRelative from './workdir-relative';

export const RULES: readonly Rule[] = [
  addInsteadOfCopy,
  alpineBase,
  aptInsteadOfAptGet,
  aptListsNotRemoved,
  aptNoRecommends,
  baseNotSlim,
  buildToolsInRuntime,
  devServer,
  dockerignoreIncomplete,
  dockerignoreMissing,
  dockerignoreRootAnchored,
  entrypointNotPid1,
  eolPython,
  execFormVariable,
  expansionTooLong,
  exposeMismatch,
  flaskDebug,
  flaskEnvObsolete,
  gracefulVsStopTimeout,
  gunicornBindDefault,
  gunicornReload,
  gunicornTimeoutZero,
  healthcheckMissing,
  healthcheckPortMismatch,
  healthcheckToolMissing,
  invalidJsonArgs,
  legacyEnvFormat,
  maintainerDeprecated,
  multipleCmd,
  noGunicornConfig,
  parseError,
  parseWarning,
  pipCache,
  pipefailMissing,
  pythonUnbuffered,
  pythonVersionMismatch,
  rootUser,
  runCd,
  secretFileCopied,
  secretInEnv,
  shellFormCmd,
  shellWrapper,
  singleStage,
  stopSignalQuick,
  unpinnedBase,
  unpinnedPackages,
  userNotCreated,
  venvNotOnPath,
  workdirRelative,
];
