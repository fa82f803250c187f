// Preloaded (node -r) into a server run with --cpu-prof: on SIGTERM it exits normally, so
// V8 writes the profile (a process that dies of the signal, as Nest's shutdown hook makes
// it, writes none).
'use strict';
process.prependListener('SIGTERM', () => process.exit(0));
