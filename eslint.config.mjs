// Lint for the whole tree (`npm run lint`; scripts/test.sh runs it, so CI does): typescript-eslint's
// type-aware recommended rules everywhere, React's hook rules in the UI. Each file is checked
// against the tsconfig that compiles it, so that type-aware rules see the same types tsc does.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', 'reports/**', 'coverage/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.tests.json', './ui/tsconfig.json', './ui/tsconfig.node.json', './tsconfig.lint.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // `_name` marks a parameter kept for its position in a signature
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['ui/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // The UI's interfaces are bags of callbacks (props, what hooks return, the API) that are
      // handed on detached (`onClick={colorMode.toggle}`): declared as function properties they
      // say they need no `this`, which is what unbound-method checks, and their parameters are
      // checked strictly (contravariantly) rather than bivariantly as a method's are.
      '@typescript-eslint/method-signature-style': ['error', 'property'],
    },
    languageOptions: { globals: globals.browser },
  },
  {
    // Test fakes answer an async interface with `async () => value`: the async is the contract
    // (a throw inside becomes a rejection, as the real thing's would), not a forgotten await.
    files: ['**/*.test.{ts,tsx}', 'ui/src/test/**', 'backend/test/**'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    // plain JavaScript (scripts, build helpers, config): Node globals, no type information
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { ...globals.node }, sourceType: 'module' },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    // a CommonJS file has no import statement: require() is how it loads modules
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
