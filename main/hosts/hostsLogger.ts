// The logging the hosts layer needs; the composition root decides where the lines go.

export interface HostsLogger {
  info(message: string): void;
  warn(message: string): void;
}
