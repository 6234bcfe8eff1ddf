/** A setting with a bad value: the message names the variable; callers print it as it is, without a stack trace. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
