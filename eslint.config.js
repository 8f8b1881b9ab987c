// @ts-check
import js from '@eslint/js'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'
import importX from 'eslint-plugin-import-x'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const capabilityDeepImport = {
  group: ['../*/*', '!../*/index.ts', '!../platform/*', '!../db/*'],
  message: 'Import another capability through its index.ts; shared plumbing belongs in platform/.',
}

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', 'data/**', '.tools/**', 'docs/screenshots/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  ...tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: ['tsconfig.json', 'apps/web/tsconfig.json'],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // Engine wire data is read defensively; `??` on values typed non-null is how we stay safe.
      '@typescript-eslint/no-unnecessary-condition': 'off',
      'no-console': 'error',
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './packages/contract',
              from: ['./apps', './packages/engine', './packages/testkit'],
              message: 'The contract is shared by server and web; it depends on zod only.',
            },
            {
              target: './packages/engine/src',
              from: ['./apps', './packages/contract'],
              message: 'The engine client knows nothing of HTTP routes, users or React.',
            },
            {
              target: './apps/web',
              from: ['./apps/server/src', './packages/engine', './packages/testkit'],
              except: ['./api-type.ts'],
              message:
                'The web app speaks the typed API only: import type { AppType } from "@harbormaster/server/api-type".',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/server/src/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [capabilityDeepImport] }] },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**', 'bench/**', 'scripts/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Vitest's asymmetric matchers (expect.stringMatching…) are typed any.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      'max-lines-per-function': 'off',
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
)
