// Lint is a gate (zero warnings): promises are awaited, switches are exhaustive, equality is strict,
// and the layers of the monorepo are kept (eslint-plugin-boundaries, below).
import eslint from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import tseslint from 'typescript-eslint';

/**
 * The layers, lowest first. A lib may import libs of its own layer or below, never above; apps
 * import any lib; no lib imports an app. Each lib is imported only through its public entry points
 * (`@app/<lib>` → src/index.ts, or `@app/<lib>/<folder>` → src/<folder>/index.ts), never a file
 * deep inside another lib's src/.
 */
const LAYERS = [
  // Pure TypeScript: the lifecycle, documents, the calendar. No Nest, no I/O.
  { type: 'puro', libs: ['domain', 'calendar'] },
  // Platform services with no domain state: config, HTTP, storage, the PDF.
  { type: 'base', libs: ['platform', 'storage', 'receipt'] },
  // The schema (migrations) and the DataSource.
  { type: 'datos', libs: ['persistence'] },
  // The writers every use case calls down into: the case and its audit trail; messages.
  { type: 'nucleo', libs: ['expediente', 'notifications'] },
  // Use cases of registro/seguimiento, deadlines, staff accounts, the figures (medición) and the
  // entity registry with its tramos (tramos).
  { type: 'servicio', libs: ['reclamos', 'plazos', 'staff', 'medicion', 'tramos'] },
  // Atención y respuesta: the case actions.
  { type: 'atencion', libs: ['atencion'] },
  // Seguimiento, análisis y mejora: improvement actions, which read the entity's reclamos and catalogues.
  { type: 'mejora', libs: ['mejora'] },
  // The coordinators' console: adoption by tramo and entity and the ranking, read from every lower layer's tables and figures.
  { type: 'consola', libs: ['adopcion'] },
];
// (micromatch expands braces only with two or more choices.)
const libElements = LAYERS.map(({ type, libs }) => ({ type, pattern: libs.length > 1 ? `libs/{${libs.join(',')}}` : `libs/${libs[0]}`, capture: ['lib'] }));
const below = (index) => LAYERS.slice(0, index + 1).map((layer) => layer.type);
const LIB_TYPES = LAYERS.map((layer) => layer.type);

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.local/**', '**/*.js', '**/*.mjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      eqeqeq: ['error', 'always'],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Nest's DI and class-validator rely on classes whose methods do not always touch `this`.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    files: ['apps/**/*.ts', 'libs/**/*.ts', 'test/**/*.ts', 'config/**/*.ts'],
    plugins: { boundaries },
    settings: {
      // Resolves the @app/* aliases of tsconfig.json to files, so the layers are checked on them.
      'import/resolver': { typescript: { project: './tsconfig.json' } },
      'boundaries/elements': [
        ...libElements,
        { type: 'app', pattern: 'apps/*', capture: ['app'] },
        // Whole top-level folders (a lib's own src/config is not one of these).
        { type: 'prueba', pattern: 'test/**', partialMatch: false },
        { type: 'herramienta', pattern: 'config/**', partialMatch: false },
      ],
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          policies: [
            // Inside one lib or app: anything.
            { allow: { dependency: { relationship: { to: 'internal' } } } },
            // Each layer: its own layer and below.
            ...LAYERS.map((layer, index) => ({ from: { element: { type: layer.type } }, allow: { to: { element: { types: { anyOf: below(index) } } } } })),
            // Apps, tests and tools may use every lib; tests and tools also the apps they start.
            { from: { element: { types: { anyOf: ['app', 'prueba', 'herramienta'] } } }, allow: { to: { element: { types: { anyOf: LIB_TYPES } } } } },
            { from: { element: { types: { anyOf: ['prueba', 'herramienta'] } } }, allow: { to: { element: { types: { anyOf: ['app', 'prueba', 'herramienta'] } } } } },
            // Another lib only through its entry points: src/index.ts or src/<folder>/index.ts.
            {
              from: { element: { types: { anyOf: [...LIB_TYPES, 'app', 'prueba', 'herramienta'] } } },
              disallow: {
                to: { element: { types: { anyOf: LIB_TYPES }, fileInternalPath: '!(src/index.ts|src/*/index.ts)' } },
              },
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*-spec.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/unbound-method': 'off' },
  },
);
