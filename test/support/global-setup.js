// Runs in jest's parent process: loads the TypeScript service starter through tsx so that
// PGlite runs outside jest's VM and the @app/* path aliases resolve.
const { register } = require('tsx/cjs/api');

module.exports = async function globalSetup() {
  const unregister = register();
  try {
    const { startTestServices } = require('./services.ts');
    globalThis.__TEST_SERVICES__ = await startTestServices();
  } finally {
    unregister();
  }
};
