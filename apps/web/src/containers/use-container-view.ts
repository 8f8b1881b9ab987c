import { useMemo } from 'react'
import { useUrlParam } from '../app/url-state.ts'
import type { ContainerViewState } from './container-view.ts'

/** The containers table's search, filters, sort and grouping, read from and written to the URL. */
export function useContainerView() {
  const [search, setSearch] = useUrlParam('q')
  const [state, setState] = useUrlParam('state')
  const [image, setImage] = useUrlParam('image')
  const [label, setLabel] = useUrlParam('label')
  const [network, setNetwork] = useUrlParam('network')
  const [sort, setSort] = useUrlParam('sort')
  const [group, setGroup] = useUrlParam('group')
  const view = useMemo<ContainerViewState>(
    () => ({ search, state, image, label, network, sort, groupByProject: group === 'compose' }),
    [search, state, image, label, network, sort, group],
  )
  return {
    view,
    values: { search, state, image, label, network, group },
    setters: { setSearch, setState, setImage, setLabel, setNetwork, setGroup },
    sort,
    setSort,
  }
}
