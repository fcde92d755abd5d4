// Container entry point (tini runs `node entry.mjs [args]`): starts the service the image was
// built for, or, in the operator image (SERVICE=all), the `akhbar` CLI with the given arguments,
// e.g. `docker compose run --rm cli index migrate`.
const service = process.env.AKHBAR_SERVICE ?? '';
if (service === 'all') {
  await import('/app/bin/akhbar.mjs');
} else if (/^[a-z][a-z0-9-]*$/.test(service)) {
  if (process.argv.length > 2) {
    process.stderr.write(`akhbar: the ${service} image runs the ${service} service and takes no arguments; use the cli image for commands\n`);
    process.exit(64); // EX_USAGE
  }
  await import(`/app/services/${service}/src/main.ts`);
} else {
  process.stderr.write(`akhbar: AKHBAR_SERVICE is "${service}"; build the image with --build-arg SERVICE=<service>\n`);
  process.exit(78); // EX_CONFIG
}
