/** A log record from Rolldown, as Vite hands it to `build.rolldownOptions.onLog`. */
export interface BundlerLog {
  code?: string;
  message: string;
}

type Level = 'debug' | 'info' | 'warn';
type Handler = (level: Level, log: BundlerLog) => void;

/** Astro marks every compiled MDX module with this directive, and Rolldown warns about it once per module. */
const isHeadInjectDirective = (log: BundlerLog) =>
  log.code === 'MODULE_LEVEL_DIRECTIVE' && log.message.includes('astro:head-inject');

/**
 * Rolldown's log filter for the build: the directive warning of every MDX module (10,000 of them
 * for 10,000 articles, eight lines each with its code frame) is said once, so the warnings that
 * matter stay visible. Everything else passes through as it is.
 */
export function bundlerLogFilter(): (level: Level, log: BundlerLog, handler: Handler) => void {
  let reported = false;
  return (level, log, handler) => {
    if (level === 'warn' && isHeadInjectDirective(log)) {
      if (!reported) {
        reported = true;
        handler('warn', {
          code: log.code,
          message:
            'Module level directive "use astro:head-inject" may not be preserved in MDX modules when bundling ' +
            '(the same warning for every article, shown once).',
        });
      }
      return;
    }
    handler(level, log);
  };
}
