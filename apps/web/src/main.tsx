import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
// The global sheet first: the components' CSS Modules come after it in the cascade.
import './app/global.css'
import { App } from './app/app.tsx'

const root = document.getElementById('root')
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  )
}
