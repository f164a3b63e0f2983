import { createProgram } from './program';

/**
 * The operator's command line: `npm run cli -- <command> [options]` (after `npm run build`).
 * Each command lives in commands/<name>.command.ts and registers itself on the program.
 */
createProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
