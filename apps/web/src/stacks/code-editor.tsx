import { yaml } from '@codemirror/lang-yaml'
import { type Diagnostic, lintGutter, setDiagnostics } from '@codemirror/lint'
import { EditorState } from '@codemirror/state'
import { EditorView } from '@codemirror/view'
import { basicSetup } from 'codemirror'
import { useEffect, useRef } from 'react'
import styles from './code-editor.module.css'

/** Colours from the app's theme tokens, so the editor follows light and dark. */
export const editorTheme = EditorView.theme({
  '&': { backgroundColor: 'var(--surface)', color: 'var(--text)', fontSize: '0.85rem' },
  '.cm-gutters': {
    backgroundColor: 'var(--surface-2)',
    color: 'var(--muted)',
    borderRight: '1px solid var(--border)',
  },
  '.cm-content': { fontFamily: 'var(--mono)' },
  '.cm-activeLine, .cm-activeLineGutter': { backgroundColor: 'var(--grid)' },
})

/**
 * A CodeMirror 6 editor for a compose file (YAML) or a `.env`: line numbers, search, undo, and
 * the server's issues as lint marks at their line and column. The document is the editor's;
 * React hears of each change through `onChange` and pushes diagnostics in.
 */
export function CodeEditor({
  label,
  value,
  onChange,
  language,
  diagnostics,
  readOnly = false,
}: {
  label: string
  value: string
  onChange: (text: string) => void
  language: 'yaml' | 'env'
  diagnostics: readonly Diagnostic[]
  readOnly?: boolean
}) {
  const host = useRef<HTMLDivElement>(null)
  const view = useRef<EditorView | undefined>(undefined)
  const change = useRef(onChange)
  useEffect(() => {
    change.current = onChange
  }, [onChange])

  // Made once per mount with the text it starts from; later `value`s are the editor's own.
  const initial = useRef(value)
  useEffect(() => {
    if (!host.current) return
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: initial.current,
        extensions: [
          basicSetup,
          lintGutter(),
          editorTheme,
          ...(language === 'yaml' ? [yaml()] : []),
          EditorState.readOnly.of(readOnly),
          EditorView.editable.of(!readOnly),
          EditorView.contentAttributes.of({ 'aria-label': label }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) change.current(update.state.doc.toString())
          }),
        ],
      }),
    })
    view.current = editor
    return () => {
      editor.destroy()
      view.current = undefined
    }
  }, [label, language, readOnly])

  useEffect(() => {
    const editor = view.current
    if (!editor) return
    const length = editor.state.doc.length
    const inside = diagnostics.filter((d) => d.to <= length)
    editor.dispatch(setDiagnostics(editor.state, inside))
  }, [diagnostics])

  return <div ref={host} className={styles.editor} />
}
