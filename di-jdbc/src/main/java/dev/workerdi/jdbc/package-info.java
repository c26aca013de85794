/**
 * One HikariCP pool per worker and one {@link java.sql.Connection} lease per coroutine, returned
 * clean; the connection budget, bounded fan-out and their settings, bound into Guice by {@link
 * dev.workerdi.jdbc.JdbcModule}.
 */
package dev.workerdi.jdbc;
