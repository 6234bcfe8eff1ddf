// `npm run lint:cycles`: no module may reach itself through its imports, type-only imports included
// (a type imported back from the module that imports you is a cycle in the design all the same).
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'Move what both modules need into a third one that neither imports back.',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '(^|/)node_modules/|^(dist|\\.astro|content|tests/fixtures)/' },
  },
};
