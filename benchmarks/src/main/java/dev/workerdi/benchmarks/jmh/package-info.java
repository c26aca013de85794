/**
 * Benchmarks: JMH micro-benchmarks of the lease path and of scoped resolution against HikariCP and
 * Guice.
 */
package dev.workerdi.benchmarks.jmh;
