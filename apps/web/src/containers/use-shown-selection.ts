import { useState } from 'react'

export type SelectAllState = 'none' | 'some' | 'all'

/**
 * The selection as far as the rows on screen go. Ids hidden by the filters stay in the set (they
 * are checked again when the filters let them back), but no action or count ever sees them, so
 * a Kill or Remove only reaches containers the user can see.
 */
export function useShownSelection(shownIds: readonly string[]) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set())
  const shownSelected = shownIds.filter((id) => selected.has(id))
  const allState: SelectAllState =
    shownSelected.length === 0 ? 'none' : shownSelected.length === shownIds.length ? 'all' : 'some'
  return {
    allState,
    isSelected: (id: string) => selected.has(id),
    toggle: (id: string) => {
      setSelected((prev) => {
        const next = new Set(prev)
        if (!next.delete(id)) next.add(id)
        return next
      })
    },
    /** Selects every shown row, or clears them when all already are. */
    toggleAllShown: () => {
      setSelected((prev) => {
        const next = new Set(prev)
        const every = shownIds.every((id) => prev.has(id))
        for (const id of shownIds) {
          if (every) next.delete(id)
          else next.add(id)
        }
        return next
      })
    },
    clear: () => {
      setSelected(new Set())
    },
  }
}

export type ShownSelection = ReturnType<typeof useShownSelection>
