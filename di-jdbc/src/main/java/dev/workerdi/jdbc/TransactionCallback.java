package dev.workerdi.jdbc;

import java.sql.Connection;

/**
 * The work of a programmatic transaction ({@link Transactions#inTransaction}): runs on the
 * coroutine's lease, inside the transaction. Implementations need not be thread-safe: each runs on
 * its coroutine only.
 *
 * @param <T> the result
 * @param <X> the checked exception the work may throw
 */
@FunctionalInterface
public interface TransactionCallback<T, X extends Exception> {

  /**
   * Runs the work. {@code connection} is a view of the coroutine's lease (see {@link
   * Transactions}): closing it does not end the transaction, and commit, rollback and changes of
   * autocommit, read-only or isolation through it are refused while the transaction is open.
   */
  T run(Connection connection) throws X;
}
