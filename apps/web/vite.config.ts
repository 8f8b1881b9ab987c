import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { brotliCompressSync, gzipSync } from 'node:zlib'
import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'

/**
 * Writes `.br` and `.gz` beside every text asset, once at build time: the server sends them to
 * browsers that accept them (serve-static's `precompressed`) without compressing per request.
 */
function precompress(): Plugin {
  return {
    name: 'harbormaster-precompress',
    apply: 'build',
    // After the files are written: in generateBundle, Vite's own plugins have not yet finished
    // the chunks (the preload helper is still a placeholder there).
    writeBundle(options, bundle) {
      const dir = options.dir ?? 'dist'
      for (const fileName of Object.keys(bundle)) {
        if (!/\.(js|css|html|svg|json)$/.test(fileName)) continue
        const bytes = readFileSync(join(dir, fileName))
        if (bytes.length < 1024) continue
        writeFileSync(join(dir, `${fileName}.br`), brotliCompressSync(bytes))
        writeFileSync(join(dir, `${fileName}.gz`), gzipSync(bytes, { level: 9 }))
      }
    },
  }
}

export default defineConfig({
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // The budget is 250 kB gzipped for the initial JS (about 150 kB now); the terminal and the
    // charts are separate lazy chunks. Rollup's warning counts minified bytes, not gzip.
    chunkSizeWarningLimit: 800,
  },
  server: { proxy: { '/api': { target: 'http://127.0.0.1:8080', ws: true } } },
})
