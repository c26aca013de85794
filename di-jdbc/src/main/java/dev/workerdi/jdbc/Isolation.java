package dev.workerdi.jdbc;

import java.sql.Connection;

/**
 * The isolation level a {@link Transactional} method (or a {@link TransactionSpec}) runs with. The
 * level is set on the lease before the transaction starts and restored when it ends. Immutable and
 * thread-safe.
 */
public enum Isolation {
  /**
   * The connection's own level (the server's default unless the pool sets one): nothing is changed.
   */
  DEFAULT(-1),
  /** {@link Connection#TRANSACTION_READ_UNCOMMITTED}. */
  READ_UNCOMMITTED(Connection.TRANSACTION_READ_UNCOMMITTED),
  /** {@link Connection#TRANSACTION_READ_COMMITTED}. */
  READ_COMMITTED(Connection.TRANSACTION_READ_COMMITTED),
  /** {@link Connection#TRANSACTION_REPEATABLE_READ}, InnoDB's default. */
  REPEATABLE_READ(Connection.TRANSACTION_REPEATABLE_READ),
  /** {@link Connection#TRANSACTION_SERIALIZABLE}. */
  SERIALIZABLE(Connection.TRANSACTION_SERIALIZABLE);

  private final int level;

  Isolation(int level) {
    this.level = level;
  }

  /** The JDBC constant ({@code Connection.TRANSACTION_*}), or -1 for {@link #DEFAULT}. */
  public int jdbcLevel() {
    return level;
  }
}
