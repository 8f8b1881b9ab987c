import {
  EngineConflictError,
  EngineError,
  EngineNotFoundError,
  EngineTimeoutError,
} from '@harbormaster/engine'
import { describe, expect, it } from 'vitest'
import { LOG_GONE_NOTE, logNote } from './read-snapshot.ts'

/** The engine's own words when the log read loses the race against an --rm removal. */
const LOG_FILE_GONE_500 =
  'open /var/lib/docker/containers/20315f71a6e7/20315f71a6e7-json.log: no such file or directory'

describe('the note of a failed log read at a die', () => {
  it('says the log was gone for each way the engine loses the race to its removal', () => {
    expect(logNote(new EngineConflictError(409, 'marked for removal'), false)).toBe(LOG_GONE_NOTE)
    expect(logNote(new EngineNotFoundError(404, 'No such container: x'), false)).toBe(LOG_GONE_NOTE)
    // Between marked and gone: the log file its removal deleted (seen under load).
    expect(logNote(new EngineError(500, LOG_FILE_GONE_500), false)).toBe(LOG_GONE_NOTE)
    // Without the inspect the log cannot be framed, whatever the log read said.
    expect(logNote(new EngineError(500, 'anything'), true)).toBe(LOG_GONE_NOTE)
  })

  it('says any other failure as it is', () => {
    expect(logNote(new EngineError(500, 'driver failed'), false)).toBe(
      'The log could not be read: driver failed.',
    )
    expect(logNote(new EngineTimeoutError('the log', 30_000), false)).toBe(
      'The log could not be read: Engine did not answer the log within 30000 ms.',
    )
  })
})
