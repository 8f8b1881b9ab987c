import type { ContainerSummary } from '@harbormaster/contract'
import { type TableItem, texts } from '../ui/index.ts'
import type { ContainerRowItem } from './container-view.ts'

/** The table's rows, a compose project's group as a heading with how many of it run. */
export function toContainerTableItems<T extends ContainerSummary>(
  items: readonly ContainerRowItem<T>[],
): TableItem<T>[] {
  return items.map((item) =>
    item.type === 'row'
      ? item
      : {
          type: 'group',
          key: item.key,
          label: (
            <span>
              <strong>{item.project === '' ? 'Not in a compose project' : item.project}</strong>{' '}
              <span className={texts.muted}>
                {item.running}/{item.count} running
              </span>
            </span>
          ),
        },
  )
}
