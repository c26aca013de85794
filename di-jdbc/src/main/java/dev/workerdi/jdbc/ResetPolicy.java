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
 * lease started in, {@code connectionInitSql}). A connection that cannot be cleaned is evicted from
 * the pool. For measured costs of each policy see {@code benchmarks/RESULTS.md}.
 *
 * <p>Requires MySQL Connector/J ({@code jdbc:mysql:} URLs) unless {@link #UNSAFE_NONE}. An enum:
 * immutable and thread-safe.
 */
public enum ResetPolicy {
  /**
   * The default: safe, and cheap when the lease did not dirty its connection. The server reports
   * every session-state change in its OK packets (MySQL/MariaDB session state tracking, switched on
   * for each connection of the pool); a lease that changed nothing (queries, committed
   * transactions, autocommit switched off and back on) is returned with no extra statement at all,
   * one that left only a transaction open or autocommit changed costs a {@code ROLLBACK} and/or
   * {@code SET autocommit}, and anything else costs a full reset (as {@link #ALWAYS} does on every
   * return).
   *
   * <p>What the server does not report is found by one scan of each statement's text (no regular
   * expression): user variables, dynamic SQL ({@code EXECUTE}, {@code PREPARE}), {@code CALL},
   * compound statements, {@code SET ROLE}, {@code GET_LOCK}, {@code HANDLER}, {@code
   * LAST_INSERT_ID}, {@code SQL_CALC_FOUND_ROWS}, {@code session_track*}, and any call of a
   * function that is not a known built-in (a stored function may do anything): the lease then
   * counts as dirty. So do a failed statement, warnings and a generated id. Client info, a
   * statement comment or the driver's connection handed out through {@code unwrap} retire the
   * connection. Triggers and events are seen only as far as the server reports them; use {@link
   * #ALWAYS} when the application relies on them changing session state.
   */
  TRACKED,

  /**
   * A full reset on every return, whether the connection was used or not: the simplest to reason
   * about and the most expensive: two round trips on every lease on MariaDB ({@code
   * COM_RESET_CONNECTION} and one restore statement), plus {@code connectionInitSql} when the pool
   * has one. Also covers what {@code TRACKED} cannot see (state changed inside stored routines that
   * succeed).
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
