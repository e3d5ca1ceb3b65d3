// @ts-check
/**
 * Lint: ESLint's and typescript-eslint's recommended rules, plus the two
 * rules that need type information and catch what tests rarely do: a promise
 * nobody awaits (its rejection is lost, or it finishes after the update it
 * belongs to) and a promise handed where a plain callback is expected (an
 * event handler, a `forEach`), whose rejection is lost too. grammY's own
 * deployment checklist asks for exactly this. Formatting is Prettier's.
 */
import eslint from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // Dot files are scratch work (tsc's include skips them too).
  { ignores: ['dist/', 'coverage/', 'scratch/', '**/.*'] },
  eslint.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // A `let` assigned once, later, but read by closures defined before that (main.ts's index holder) must stay `let`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // `Bot<any>` is grammY's way to accept a bot of any context type; strict tsc already rejects implicit any.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
);
