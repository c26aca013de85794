package dev.workerdi.jdbc;

/**
 * Programmatic transactions on the calling coroutine's lease, for code Guice does not intercept:
 * {@code @Inject Transactions transactions} (qualified with {@code @Named(name)} for {@link
 * JdbcModule#named}). The semantics are {@link Transactional}'s: a call inside an open transaction
 * of the same database joins it, the outermost call commits or rolls back, retries are opt-in.
 *
 * <pre>{@code
 * long id = transactions.inTransaction(connection -> {
 *   try (PreparedStatement insert = connection.prepareStatement("INSERT INTO orders (total) VALUES (?)")) {
 *     ...
 *   }
 * });
 * }</pre>
 *
 * The object holds no connection: it finds the coroutine's lease at each call, so any object
 * (including a singleton) may keep it. Calls must come from a coroutine ({@code DI-330} otherwise).
 * Thread-safe.
 */
public interface Transactions {

  /**
   * Runs {@code work} in a transaction with {@link TransactionSpec#defaults()}, returning its
   * result.
   */
  <T, X extends Exception> T inTransaction(TransactionCallback<T, X> work) throws X;

  /** Runs {@code work} in a transaction as {@code spec} says, returning its result. */
  <T, X extends Exception> T inTransaction(TransactionSpec spec, TransactionCallback<T, X> work)
      throws X;

  /** Whether the calling coroutine has a transaction open on this database. */
  boolean isActive();
}
