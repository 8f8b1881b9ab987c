import { spawn } from 'node:child_process'

/** What a finished command printed. */
export interface CommandOutput {
  stdout: string
  stderr: string
}

/** Options for {@link runCommand}. */
export interface RunOptions {
  /** Written to the command's stdin, which is then closed (it is closed at once without it). */
  input?: Buffer | string | undefined
  env?: NodeJS.ProcessEnv | undefined
  /** The working directory (the caller's by default). */
  cwd?: string | undefined
}

/** A command exited non-zero (or was killed): keeps its output so tests can assert on it. */
export class CommandError extends Error {
  readonly command: string
  readonly exitCode: number | null
  readonly stdout: string
  readonly stderr: string

  constructor(command: string, exitCode: number | null, output: CommandOutput) {
    super(`${command} failed (exit ${exitCode ?? 'signal'}): ${output.stderr.trim()}`)
    this.name = 'CommandError'
    this.command = command
    this.exitCode = exitCode
    this.stdout = output.stdout
    this.stderr = output.stderr
  }
}

/** Runs a program without a shell, resolves its output, rejects with {@link CommandError}. */
export function runCommand(
  file: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<CommandOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env: options.env ?? process.env, cwd: options.cwd })
    const stdout: Buffer[] = []
    const stderr: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk))
    child.on('error', reject)
    child.on('close', (code) => {
      const output = {
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      }
      if (code === 0) resolve(output)
      else reject(new CommandError([file, ...args].join(' '), code, output))
    })
    // EPIPE when the program exits without reading its input: its exit status tells why.
    child.stdin.on('error', () => undefined)
    child.stdin.end(options.input)
  })
}
