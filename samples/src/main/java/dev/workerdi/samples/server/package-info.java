/**
 * Sample: an HTTP server whose every request runs as a coroutine of a worker, on injected repositories over leases.
 */
package dev.workerdi.samples.server;
