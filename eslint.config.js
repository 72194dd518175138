// @ts-check
import js from '@eslint/js';
import vue from 'eslint-plugin-vue';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Process boundaries are lint errors, not habits (see shared/style/EXAMPLES.md §1). */
export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
      'no-restricted-syntax': ['error', { selector: 'CallExpression[callee.name="eval"]', message: 'No eval.' }],
      'max-lines': ['warn', { max: 300, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['warn', { max: 60, skipBlankLines: true, skipComments: true }],
      complexity: ['warn', 15],
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/multi-word-component-names': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
    },
  },
  {
    files: ['renderer/src/**/*.{ts,vue}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks to the hub API only.' }],
          patterns: [
            {
              group: ['node:*', 'ssh2', 'ws', '**/electron/hub/**'],
              message: 'No Node or SSH code here.',
            },
            {
              // The /etc/mosix configuration model, the mosrun line model and their types are pure and shared by all three.
              regex: '(^|/)agent/(?!src/mosixConfig(/|$)|src/mosrun(/|$)|src/protocol/configTypes$)',
              message: 'No Node, SSH or agent code here.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/hub/**/*.ts', 'electron/web/**/*.ts', 'electron/security/**/*.ts', 'electron/api.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'The hub is plain Node: no Electron here.' }] },
      ],
    },
  },
  {
    // The renderer imports the configuration model: it must stay free of Node.
    files: ['agent/src/mosixConfig/**/*.ts', 'agent/src/mosrun/**/*.ts', 'agent/src/protocol/configTypes.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', '**/electron/**', '**/renderer/**'], message: 'Pure code, shared with the renderer.' },
          ],
        },
      ],
    },
  },
  {
    files: ['agent/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/electron/**', '**/renderer/**'], message: 'The agent runs alone on nodes.' }] },
      ],
      // stdout is the wire: a stray console.log would corrupt the protocol.
      'no-console': 'error',
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: { 'max-lines-per-function': 'off' },
  },
);
