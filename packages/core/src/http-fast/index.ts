export { FAST_PATH_CONTEXT, fastPathCaller } from './fast-caller.js';
export { FastPath, type FastPathDeps } from './fast-path.js';
