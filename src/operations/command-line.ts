/** A failure the person running a command can act on: said in one line, ending with this exit code. */
export class CommandLineError extends Error {
  override readonly name = 'CommandLineError';
  constructor(
    message: string,
    /** 2 for a command used wrongly, 1 for one that could not be done. */
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
  }
}

/** Errors whose message is the whole story; anything else is a bug and keeps its stack trace. */
const SAID_IN_ONE_LINE = new Set([
  'CommandLineError',
  'ConfigError',
  'DatabaseUnavailableError',
  'DomainError',
  'EmbeddedPostgresError',
  'UnknownProjectionError',
]);

/**
 * Runs a command line program's `main` and exits with its code. An expected failure (bad
 * arguments, no database where it looked, a user who does not exist) is one line on stderr; only
 * a bug prints a stack trace.
 */
export function runCommandLine(main: (argv: string[]) => Promise<number>, help: string): void {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      const code = (error as { code?: unknown })?.code;
      if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_')) {
        // From util.parseArgs, whose first sentence says it ("Unknown option '--x'"); the rest is noise here.
        console.error(`${error.message.replace(/\. .*$/s, '')}. ${help}`);
        process.exit(2);
      }
      console.error(SAID_IN_ONE_LINE.has(error?.name) ? error.message : error);
      process.exit(error instanceof CommandLineError ? error.exitCode : 1);
    },
  );
}
