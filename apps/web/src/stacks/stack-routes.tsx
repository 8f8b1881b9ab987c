import { lazy, Suspense } from 'react'
import { Spinner } from '../ui/index.ts'

// A stack's page and the new-stack page are loaded when first opened: they bring the progress
// panel, the merged logs and (on their tabs) CodeMirror, which the rest of the app never needs.
const NewStackPage = lazy(() =>
  import('./new-stack-page.tsx').then((m) => ({ default: m.NewStackPage })),
)
const StackPage = lazy(() => import('./stack-page.tsx').then((m) => ({ default: m.StackPage })))

export function NewStackRoute() {
  return (
    <Suspense fallback={<Spinner label="Loading the editor…" />}>
      <NewStackPage />
    </Suspense>
  )
}

export function StackRoute() {
  return (
    <Suspense fallback={<Spinner label="Loading stack…" />}>
      <StackPage />
    </Suspense>
  )
}
