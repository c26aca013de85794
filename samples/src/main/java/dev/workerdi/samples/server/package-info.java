/**
 * Sample: an HTTP server whose every request runs as a coroutine of a worker, on injected
 * repositories over leases (plain JDBC, Jdbi on the lease-backed DataSource, and an atomic
 * {@code @Transactional} transfer).
 */
package dev.workerdi.samples.server;
