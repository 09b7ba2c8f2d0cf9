/**
 * PGlite's contrib extensions are published as package subpaths ("exports"), which this
 * repository's module resolution (node10, for CommonJS) does not read: their types, declared.
 */
declare module '@electric-sql/pglite/contrib/fuzzystrmatch' {
  export const fuzzystrmatch: import('@electric-sql/pglite').Extension;
}
declare module '@electric-sql/pglite/contrib/unaccent' {
  export const unaccent: import('@electric-sql/pglite').Extension;
}
