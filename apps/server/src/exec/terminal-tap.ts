/**
 * What the terminal session audit (history/sessions) hears of a running exec or attach: the
 * sessions here report to it; it is defined here so that exec depends on no history module.
 */
export interface TerminalTap {
  output(chunk: Buffer): void
  input(chunk: Buffer): void
  resize(cols: number, rows: number): void
  /** The engine's stream ended; the exit code when the engine told it. */
  engineEnded(exitCode: number | null): void
  /** The engine's stream failed (or the session could not start). */
  engineFailed(): void
}

/** What the exec and attach routes know of a session when its socket opens. */
export interface TerminalSessionInfo {
  kind: 'exec' | 'attach'
  hostId: string
  container: { id: string; name: string; labels: Record<string, string>; user: string }
  caller: { userId: string; username: string } | undefined
  /** The command's words; an attach is `["attach"]`. */
  command: string[]
  /** The user asked for inside the container (exec), if any. */
  execUser: string | undefined
  cols: number
  rows: number
}
