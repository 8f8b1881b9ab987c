import { yaml } from '@codemirror/lang-yaml'
import { MergeView } from '@codemirror/merge'
import { EditorState } from '@codemirror/state'
import { EditorView, lineNumbers } from '@codemirror/view'
import { useEffect, useRef } from 'react'
import { editorTheme } from './code-editor.tsx'
import styles from './code-editor.module.css'

/** Two texts side by side, changes marked and long unchanged runs folded; read-only. */
export function DiffView({
  before,
  after,
  language,
  label,
}: {
  before: string
  after: string
  language: 'yaml' | 'env'
  label: string
}) {
  const host = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (!host.current) return
    const extensions = [
      lineNumbers(),
      editorTheme,
      EditorState.readOnly.of(true),
      EditorView.editable.of(false),
      ...(language === 'yaml' ? [yaml()] : []),
    ]
    const view = new MergeView({
      a: { doc: before, extensions },
      b: { doc: after, extensions },
      parent: host.current,
      collapseUnchanged: { margin: 3, minSize: 6 },
      gutter: true,
    })
    return () => {
      view.destroy()
    }
  }, [before, after, language])
  return <div ref={host} className={styles.editor} role="group" aria-label={label} />
}
