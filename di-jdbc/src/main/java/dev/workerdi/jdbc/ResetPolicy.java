package dev.workerdi.jdbc;

/**
 * What a lease does to its connection's session before the connection goes back to the pool, so
 * that no session state (open transaction, session or user variable, temporary table, {@code LOCK
 * TABLES}, {@code GET_LOCK} lock, character set, {@code sql_mode}, time zone, isolation, read-only,
 * autocommit, prepared statement, current schema) reaches the next lease.
 *
 * <p>A full reset is {@code COM_RESET_CONNECTION} (Connector/J's {@code resetServerState()}, which
 * also re-sends the driver's character set and {@code sessionVariables}) followed by the pool's own
 * settings ({@code readOnly}, {@code autoCommit}, {@code transactionIsolation}, the schema the
 * lease started in, {@code connectionInitSql}). A connection that cannot be cleaned is evicted
 * from the pool. For measured costs of each policy see {@code benchmarks/RESULTS.md}.
 *
 * <p>Requires MySQL Connector/J ({@code jdbc:mysql:} URLs) unless {@link #UNSAFE_NONE}. An enum:
 * immutable and thread-safe.
 */
public enum ResetPolicy {
  /**
   * The default: safe, and cheap when the lease did not dirty its connection. The server reports
   * every session-state change in its OK packets (MySQL/MariaDB session state tracking, switched on
   * for each connection of the pool); a lease that changed nothing (queries, committed transactions,
   * autocommit switched off and back on) is returned with no extra statement at all, one that left
   * only a transaction open or autocommit changed costs a {@code ROLLBACK} and/or {@code SET
   * autocommit}, and anything else costs a full reset (as {@link #ALWAYS} does on every return).
   *
   * <p>The server does not report user variables written by {@code SELECT ... INTO @v} or {@code :=},
   * {@code GET_LOCK}, {@code HANDLER ... OPEN} or turning the tracking off; for those the driver
   * looks, once per statement, for {@code @name}, {@code GET_LOCK}, {@code HANDLER} and {@code
   * session_track} in the statement's text (the one lexical check) and resets when it finds one.
   * An error packet reports nothing, so a lease in which a statement failed is reset too. What
   * stored routines, triggers and events do inside the server is seen only as far as the server
   * reports it: a {@code GET_LOCK} or {@code SELECT ... INTO @v} inside a procedure that succeeds
   * is not seen; use {@link #ALWAYS} when the application relies on that.
   */
  TRACKED,

  /**
   * A full reset on every return, whether the connection was used or not: the simplest to reason
   * about and the most expensive, five round trips on every lease ({@code COM_RESET_CONNECTION} and
   * the driver's four {@code SET}s), plus the pool's own settings when it has any. Also covers what
   * {@code TRACKED} cannot see (state changed inside stored routines that succeed).
   */
  ALWAYS,

  /**
   * An explicit opt-out: only what HikariCP itself does on return (a rollback when it saw
   * autocommit switched off through JDBC, and JDBC-level setters it saw being called). Costs
   * nothing, and lets transactions opened with {@code START TRANSACTION}, session variables, user
   * variables, temporary tables, table and user locks, {@code SET NAMES}, {@code sql_mode}, {@code
   * time_zone}, SQL-level autocommit, isolation and read-only changes, prepared statements, {@code
   * USE} and {@code setCatalog} (restored by HikariCP only when the pool's {@code catalog} is set)
   * reach the next lease. For applications that never change session state, or reset it themselves.
   */
  UNSAFE_NONE
}
