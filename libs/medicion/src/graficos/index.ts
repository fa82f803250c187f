// Apart from the lib's main entry point: only the HTTP apps draw charts, so the worker never loads Vega.
export * from './graficos';
