import type { SearchHit, SearchResult } from '@harbormaster/contract'
import { useQuery } from '@tanstack/react-query'
import { clsx } from 'clsx'
import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react'
import { useLocation } from 'wouter'
import { texts } from '../ui/index.ts'
import { searchOptions } from './queries.ts'
import { hitPath, KIND_LABEL, moveActive } from './search-links.ts'
import styles from './global-search.module.css'

/** Typing pauses this long before a search is asked: one request per pause, not per key. */
const DEBOUNCE_MS = 200
const LIST_ID = 'global-search-results'

/**
 * The top bar's search: containers, images, volumes, networks and stacks by name on every host
 * the user may see. Arrow keys move through the hits, Enter opens the highlighted one (the
 * first if none is), Escape closes the list; Ctrl+K (⌘K) focuses the box (not from a terminal).
 */
export function GlobalSearch() {
  const [text, setText] = useState('')
  const [asked, setAsked] = useState('')
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(-1)
  const inputRef = useRef<HTMLInputElement>(null)
  const [, navigate] = useLocation()
  useEffect(() => {
    const timer = setTimeout(() => {
      setAsked(text.trim())
    }, DEBOUNCE_MS)
    return () => {
      clearTimeout(timer)
    }
  }, [text])
  useCommandK(inputRef)
  const result = useQuery(searchOptions(asked))
  const hits = asked === '' ? [] : (result.data?.hits ?? [])

  const openHit = (hit: SearchHit) => {
    setOpen(false)
    setText('')
    setAsked('')
    inputRef.current?.blur()
    navigate(hitPath(hit))
  }
  const handleKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape') {
      setOpen(false)
      return
    }
    if (event.key === 'Enter') {
      const hit = hits[active] ?? hits[0]
      if (hit && text.trim() === asked) openHit(hit)
      event.preventDefault()
      return
    }
    if (!['ArrowDown', 'ArrowUp'].includes(event.key)) return
    event.preventDefault()
    setOpen(true)
    setActive(moveActive(active, event.key, hits.length))
  }
  const shown = open && asked !== ''
  return (
    <div className={styles.search}>
      <input
        ref={inputRef}
        type="search"
        role="combobox"
        aria-label="Search all hosts"
        aria-expanded={shown}
        aria-controls={LIST_ID}
        aria-autocomplete="list"
        aria-activedescendant={shown && active >= 0 ? `${LIST_ID}-${active}` : undefined}
        placeholder="Search all hosts (Ctrl+K)"
        value={text}
        onChange={(e) => {
          setText(e.target.value)
          setActive(-1)
          setOpen(true)
        }}
        onKeyDown={handleKey}
        onFocus={() => {
          setOpen(true)
        }}
        onBlur={() => {
          setOpen(false)
        }}
      />
      {shown && (
        <SearchResults
          hits={hits}
          active={active}
          pending={result.isFetching}
          onOpen={openHit}
          notes={notesOf(result.data)}
        />
      )}
    </div>
  )
}

/** What the hits leave out: more matches than shown, hosts that could not be searched. */
function notesOf(result: SearchResult | undefined): string[] {
  if (!result) return []
  const notes = result.unavailable.map((u) => `Not searched: ${u.hostName} (${u.error})`)
  return result.truncated ? ['More match: type more of the name', ...notes] : notes
}

function SearchResults({
  hits,
  active,
  pending,
  onOpen,
  notes,
}: {
  hits: readonly SearchHit[]
  active: number
  pending: boolean
  onOpen: (hit: SearchHit) => void
  notes: readonly string[]
}) {
  return (
    <ul id={LIST_ID} role="listbox" aria-label="Search results" className={styles.results}>
      {hits.length === 0 && (
        <li className={clsx(styles.empty, texts.muted)}>{pending ? 'Searching…' : 'No match'}</li>
      )}
      {hits.map((hit, index) => (
        <li
          key={`${hit.kind}/${hit.hostId}/${hit.ref}`}
          id={`${LIST_ID}-${index}`}
          role="option"
          aria-selected={index === active}
          className={styles.hit}
          // mousedown, not click: the input's blur would close the list before a click lands.
          onMouseDown={(event) => {
            event.preventDefault()
            onOpen(hit)
          }}
        >
          <span className={styles.kind}>{KIND_LABEL[hit.kind]}</span>
          <span className={clsx(styles.name, texts.truncate)}>{hit.name}</span>
          <span className={clsx(styles.where, texts.truncate)}>
            {hit.hostName} · {hit.detail}
          </span>
        </li>
      ))}
      {notes.map((note) => (
        <li key={note} className={clsx(styles.empty, texts.muted)}>
          {note}
        </li>
      ))}
    </ul>
  )
}

/** Ctrl+K / ⌘K focuses the search box, unless the focus is in a terminal or an editor. */
function useCommandK(ref: RefObject<HTMLInputElement | null>): void {
  useEffect(() => {
    const handleKey = (event: globalThis.KeyboardEvent) => {
      if (event.key.toLowerCase() !== 'k' || !(event.ctrlKey || event.metaKey)) return
      // A terminal's shell and the editors have Ctrl+K of their own (kill to end of line).
      const target = event.target as HTMLElement | null
      if (target?.closest('textarea, [contenteditable], .xterm')) return
      event.preventDefault()
      ref.current?.focus()
      ref.current?.select()
    }
    window.addEventListener('keydown', handleKey)
    return () => {
      window.removeEventListener('keydown', handleKey)
    }
  }, [ref])
}
