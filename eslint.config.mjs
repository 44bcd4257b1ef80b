// @ts-check
import eslint from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** Editor and LSP packages: only lsp/, cli/ and client/ may use them (DESIGN.md, "the engine knows no editor"). */
const editorPackages = ['vscode', 'vscode/*', 'vscode-languageserver*', 'vscode-languageclient*', 'vscode-jsonrpc*'];
const engineFolders = ['engine', 'model', 'parsing', 'rules', 'edits', 'report'];

export default defineConfig(
  {
    // The CDK fixture app is compiled against test/cdk's aws-cdk-lib, which a fresh clone has not installed yet.
    ignores: ['**/out/', '**/dist/', '**/node_modules/', '**/.test-artifacts/', '**/*.vsix', 'test/fixtures/cdk-app/'],
  },
  eslint.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: {
      reportUnusedDisableDirectives: 'error',
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { allowDefaultCaseForExhaustiveSwitch: true, considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: engineFolders.map((folder) => `server/src/${folder}/**`),
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: editorPackages,
              message: 'The engine knows no editor: convert in server/src/lsp or server/src/cli instead.',
            },
          ],
        },
      ],
    },
  },
  {
    // Plain JavaScript (build scripts, launchers, this file) is outside every tsconfig: lint it without types.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        __filename: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
);
