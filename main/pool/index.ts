// The pool's public surface: what main/service, main/forward and outside checks drive.
export { ConnectionPool, type ExecOptions, type ExecResult, type TunnelChannel } from './connectionPool.js';
export { PoolShell, type ChannelCloseReason, type ShellOptions } from './poolShell.js';
export { PoolError, type PoolErrorCode } from './poolError.js';
export { classifySsh2Error, type Ssh2ErrorKind } from './classifySsh2Error.js';
export {
  DEFAULT_POOL_OPTIONS,
  type InteractivePromptRequest,
  type PoolOptions,
  type PoolOptionsInput,
  type ReconnectPolicy,
} from './poolOptions.js';
export type { PoolTarget } from './poolTarget.js';
export type { PoolSnapshot, HostHealth, ConnectionHealth, HostCounters, ConnectionState } from '../../app/health.js';
