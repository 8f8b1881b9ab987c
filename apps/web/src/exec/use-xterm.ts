import { FitAddon } from '@xterm/addon-fit'
import { Terminal } from '@xterm/xterm'
import '@xterm/xterm/css/xterm.css'
import { type RefObject, useEffect, useState } from 'react'
import { copyText } from '../platform/clipboard.ts'

/** An xterm.js terminal opened in the element, fitted to it as it resizes; disposed on unmount. */
export function useXterm(paneRef: RefObject<HTMLDivElement | null>): Terminal | null {
  const [terminal, setTerminal] = useState<Terminal | null>(null)
  useEffect(() => {
    const pane = paneRef.current
    if (!pane) return
    const term = new Terminal({
      cursorBlink: true,
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
      fontSize: 13,
      scrollback: 5000,
      // What the container prints is data: no hyperlinks are opened from it.
      linkHandler: null,
    })
    // OSC 8 (hyperlinks) and OSC 52 (clipboard) from the container are swallowed, never honoured.
    const osc8 = term.parser.registerOscHandler(8, () => true)
    const osc52 = term.parser.registerOscHandler(52, () => true)
    // As in desktop terminals: Ctrl+Shift+C copies the selection (Ctrl+C stays the shell's
    // interrupt) and Ctrl+Shift+V is left to the browser, whose paste event xterm receives.
    term.attachCustomKeyEventHandler((event) => {
      if (!event.ctrlKey || !event.shiftKey) return true
      if (event.code === 'KeyC') {
        // Chromium opens its element inspector on Ctrl+Shift+C unless the page takes the key.
        event.preventDefault()
        const selection = term.getSelection()
        if (event.type === 'keydown' && selection !== '') void copyText(selection)
        return false
      }
      return event.code !== 'KeyV'
    })
    const fit = new FitAddon()
    term.loadAddon(fit)
    term.open(pane)
    fit.fit()
    const observer = new ResizeObserver(() => {
      fit.fit()
    })
    observer.observe(pane)
    setTerminal(term)
    return () => {
      observer.disconnect()
      osc8.dispose()
      osc52.dispose()
      term.dispose()
      setTerminal(null)
    }
  }, [])
  return terminal
}
