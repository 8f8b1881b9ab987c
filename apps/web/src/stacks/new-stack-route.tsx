import { lazy, Suspense } from 'react'
import { Spinner } from '../ui/index.ts'

// The new-stack page edits in CodeMirror: loaded only when opened.
const NewStackPage = lazy(() =>
  import('./new-stack-page.tsx').then((m) => ({ default: m.NewStackPage })),
)

export function NewStackRoute() {
  return (
    <Suspense fallback={<Spinner label="Loading the editor…" />}>
      <NewStackPage />
    </Suspense>
  )
}
