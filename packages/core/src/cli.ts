import { errorCode } from './errors.ts';

/**
 * The `akhbar` command line: each service contributes its commands (services/<name>/src/cli.ts
 * exports `commands`), bin/akhbar.mjs gathers them. A command name may have several words
 * ("feeds add"); the longest name matching the arguments wins.
 */
export interface CliCommand {
  /** Words that select the command, e.g. "feeds add". */
  name: string;
  /** One line for `akhbar help`. */
  summary: string;
  /** Argument synopsis, e.g. "<url> [--title T]". */
  usage?: string;
  /** Runs the command; resolves with the process exit code. */
  run(args: string[]): Promise<number>;
}

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

const defaultIo: CliIo = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

export function helpText(commands: readonly CliCommand[]): string {
  const width = Math.max(...commands.map((c) => `${c.name} ${c.usage ?? ''}`.length), 10);
  const lines = [...commands]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((c) => `  akhbar ${`${c.name} ${c.usage ?? ''}`.padEnd(width)}  ${c.summary}`);
  return `usage: akhbar <command> [args]\n\ncommands:\n${lines.join('\n')}\n`;
}

export async function runCli(commands: readonly CliCommand[], argv: string[], io: CliIo = defaultIo): Promise<number> {
  if (argv.length === 0 || argv[0] === 'help' || argv[0] === '--help' || argv[0] === '-h') {
    io.out(helpText(commands));
    return argv.length === 0 ? 2 : 0;
  }
  let best: CliCommand | undefined;
  let bestLen = 0;
  for (const c of commands) {
    const words = c.name.split(' ');
    if (words.length > bestLen && words.every((w, i) => argv[i] === w)) {
      best = c;
      bestLen = words.length;
    }
  }
  if (!best) {
    io.err(`akhbar: unknown command "${argv.join(' ')}"\n\n${helpText(commands)}`);
    return 2;
  }
  return best.run(argv.slice(bestLen));
}

/**
 * Minimal flag parser for commands: `--name value`, `--flag`, and positionals. Unknown flags are
 * reported by the command, which knows its own.
 */
export function parseArgs(args: string[], booleans: readonly string[] = []): { positionals: string[]; flags: Record<string, string | true> } {
  const positionals: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('--')) {
      const [k, v] = a.slice(2).split('=', 2) as [string, string | undefined];
      if (v !== undefined) flags[k] = v;
      else if (booleans.includes(k) || i + 1 >= args.length || args[i + 1]!.startsWith('--')) flags[k] = true;
      else flags[k] = args[++i]!;
    } else positionals.push(a);
  }
  return { positionals, flags };
}

/** Print a command's failure as `akhbar: CODE: message` and give the exit status (1). */
export function reportCliError(err: unknown, io: CliIo = defaultIo): number {
  const code = errorCode(err);
  io.err(`akhbar: ${code}: ${err instanceof Error ? err.message : String(err)}\n`);
  return 1;
}

/** Report options a command does not know; true when there were any (exit 2). */
export function rejectUnknownFlags(flags: Record<string, unknown>, known: readonly string[], io: CliIo = defaultIo): boolean {
  const bad = Object.keys(flags).filter((f) => !known.includes(f));
  if (bad.length > 0) io.err(`akhbar: unknown option ${bad.map((b) => `--${b}`).join(', ')}\n`);
  return bad.length > 0;
}
