import type { RefObject } from 'react'
import { layout, SearchBox, useSlashFocus } from '../ui/index.ts'

export function ImageFilters({
  searchRef,
  q,
  setQ,
  show,
  setShow,
}: {
  searchRef: RefObject<HTMLInputElement | null>
  q: string
  setQ: (v: string) => void
  show: string
  setShow: (v: string) => void
}) {
  useSlashFocus(searchRef)
  return (
    <div className={layout.filters}>
      <SearchBox inputRef={searchRef} label="Search images" value={q} onChange={setQ} />
      <select
        aria-label="Show"
        value={show}
        onChange={(e) => {
          setShow(e.target.value)
        }}
      >
        <option value="">All images</option>
        <option value="dangling">Dangling</option>
        <option value="unused">Unused</option>
      </select>
    </div>
  )
}
