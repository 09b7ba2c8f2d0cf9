module.exports = async function globalTeardown() {
  const services = globalThis.__TEST_SERVICES__;
  if (services) await services.stop();
};
