import type { RefObject } from 'react'
import { layout, useSlashFocus } from '../ui/index.ts'

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
      <input
        ref={searchRef}
        type="search"
        className={layout.search}
        placeholder="Search (press /)"
        aria-label="Search images"
        value={q}
        onChange={(e) => {
          setQ(e.target.value)
        }}
      />
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
