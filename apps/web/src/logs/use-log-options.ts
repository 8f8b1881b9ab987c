import { useUrlParam } from '../app/url-state.ts'
import type { StreamFilter } from './log-buffer.ts'

/** Every logs setting lives in the URL, so a link opens the same lines, search and filter. */
export function useLogOptions() {
  const [tail, setTail] = useUrlParam('tail')
  const [ts, setTs] = useUrlParam('ts')
  const [follow, setFollow] = useUrlParam('follow')
  const [stream, setStream] = useUrlParam('stream')
  const [query, setQuery] = useUrlParam('q')
  const [re, setRe] = useUrlParam('re')
  const [cs, setCs] = useUrlParam('cs')
  const [all, setAll] = useUrlParam('all')
  const [since, setSince] = useUrlParam('since')
  // Only links set it (an alert's "logs at that moment"); the controls offer to clear it.
  const [until, setUntil] = useUrlParam('until')
  const flag = (set: (v: string) => void) => (on: boolean) => {
    set(on ? '1' : '')
  }
  const streamFilter: StreamFilter = stream === 'stdout' || stream === 'stderr' ? stream : 'both'
  return {
    tail: tail || '500',
    setTail: (v: string) => {
      setTail(v === '500' ? '' : v)
    },
    timestamps: ts === '1',
    setTimestamps: flag(setTs),
    follow: follow !== 'off',
    setFollow: (on: boolean) => {
      setFollow(on ? '' : 'off')
    },
    stream: streamFilter,
    setStream: (v: StreamFilter) => {
      setStream(v === 'both' ? '' : v)
    },
    query,
    setQuery,
    regex: re === '1',
    setRegex: flag(setRe),
    caseSensitive: cs === '1',
    setCaseSensitive: flag(setCs),
    allLines: all === '1',
    setAllLines: flag(setAll),
    since,
    setSince,
    until,
    setUntil,
  }
}

export type LogOptions = ReturnType<typeof useLogOptions>
