package dev.workerdi.jdbc.internal;

import dev.workerdi.core.CoroutineContext;
import dev.workerdi.jdbc.Isolation;
import dev.workerdi.jdbc.Lease;
import dev.workerdi.jdbc.Propagation;
import dev.workerdi.jdbc.TransactionCallback;
import dev.workerdi.jdbc.TransactionSpec;
import dev.workerdi.jdbc.Transactions;
import jakarta.inject.Provider;

/**
 * The implementation of {@link Transactions} and of the {@code @Transactional} interceptor, for one
 * database: the outermost call opens a {@link TransactionFrame} on the coroutine's lease and
 * retries it when its spec allows; nested calls join the frame. One per {@code JdbcModule}; the
 * open frame is per coroutine (a coroutine is one thread). Thread-safe. Not a supported API.
 */
public final class TransactionEngine implements Transactions {
  private final String database;
  private final String name; // for messages and frames, made once
  private final Provider<Lease> leases;
  private final ThreadLocal<TransactionFrame> open = new ThreadLocal<>();

  /** The engine of {@code database} ("" for the unnamed one), on the coroutine-scoped leases. */
  public TransactionEngine(String database, Provider<Lease> leases) {
    this.database = database;
    this.name =
        this.database.isEmpty() ? "the default database" : "database \"" + this.database + "\"";
    this.leases = leases;
  }

  /**
   * The work of a transaction: a method invocation, or a callback that asks the frame for its
   * connection.
   */
  @FunctionalInterface
  interface Work<T> {
    T run(TransactionFrame frame) throws Throwable;
  }

  @Override
  public <T, X extends Exception> T inTransaction(TransactionCallback<T, X> work) throws X {
    return inTransaction(TransactionSpec.defaults(), work);
  }

  @Override
  public <T, X extends Exception> T inTransaction(
      TransactionSpec spec, TransactionCallback<T, X> work) throws X {
    if (spec == null || work == null) {
      throw JdbcErrors.badSpec(
          spec == null ? "spec" : "work",
          "null",
          "Pass a TransactionSpec (TransactionSpec.defaults()) and the work as a lambda taking the Connection.");
    }
    try {
      return run(spec, frame -> work.run(frame.view()), "Transactions.inTransaction");
    } catch (Throwable t) {
      throw TransactionEngine.<X>sneaky(t);
    }
  }

  /**
   * Rethrows what the callback (which throws only X or unchecked) or the engine threw, unchanged.
   */
  @SuppressWarnings("unchecked")
  private static <X extends Exception> X sneaky(Throwable t) throws X {
    throw (X) t;
  }

  @Override
  public boolean isActive() {
    return open.get() != null;
  }

  /** Whether the calling coroutine's open transaction runs on {@code lease}. */
  boolean isOpenOn(Lease lease) {
    TransactionFrame frame = open.get();
    return frame != null && frame.lease() == lease;
  }

  /** What opened the calling coroutine's transaction, for messages. */
  String openWhat() {
    TransactionFrame frame = open.get();
    return frame == null ? "(none)" : frame.what();
  }

  /** Runs {@code work} as {@code spec} says; {@code what} names the method or call in messages. */
  <T> T run(TransactionSpec spec, Work<T> work, String what) throws Throwable {
    if (CoroutineContext.current().isEmpty()) {
      throw JdbcErrors.transactionOutsideCoroutine(name(), what);
    }
    TransactionFrame joined = open.get();
    if (joined != null) {
      return join(joined, spec, work, what);
    }
    for (int attempt = 1; ; attempt++) {
      Lease lease = leases.get();
      boolean retryable = attempt < spec.maxAttempts();
      if (attempt == 1 && retryable && Retry.isBroken(lease)) {
        Retry.renew(lease, 0, spec, null, name(), what); // broken before this call: a free renewal
      }
      TransactionFrame frame = null;
      try {
        frame = TransactionFrame.begin(lease, spec, what, this, name(), !retryable);
        return outermost(frame, work);
      } catch (Throwable failure) {
        if (!retryable) {
          throw attempt > 1 ? Retry.gaveUp(failure, name(), what, attempt) : failure;
        }
        if (Retry.isSerializationFailure(failure)) {
          Retry.backoff(spec, attempt, failure, name(), what);
        } else if (Retry.isBroken(lease)) {
          if (frame != null && frame.commitSent()) {
            throw JdbcErrors.nodeLostAtCommit(name(), what, attempt, spec.maxAttempts(), failure);
          }
          Retry.renew(lease, attempt, spec, failure, name(), what);
        } else {
          throw failure;
        }
      }
    }
  }

  private <T> T outermost(TransactionFrame frame, Work<T> work) throws Throwable {
    open.set(frame);
    try {
      T result = work.run(frame);
      frame.finish(name());
      return result;
    } catch (Throwable failure) {
      throw frame.fail(failure, Rollback.wanted(frame.spec(), failure), name());
    } finally {
      open.remove();
      frame.restore();
    }
  }

  private <T> T join(TransactionFrame frame, TransactionSpec spec, Work<T> work, String what)
      throws Throwable {
    if (spec.propagation() == Propagation.REQUIRES_NEW) {
      throw JdbcErrors.requiresNewRefused(name(), what, frame.what());
    }
    Isolation isolation = spec.isolation();
    if (isolation != Isolation.DEFAULT && isolation.jdbcLevel() != frame.isolationLevel()) {
      throw JdbcErrors.transactionConflict(
          name(),
          what,
          frame.what(),
          "isolation " + isolation,
          "isolation " + frame.isolationName());
    }
    if (!spec.isReadOnly() && frame.readOnly()) {
      throw JdbcErrors.transactionConflict(name(), what, frame.what(), "read-write", "read-only");
    }
    try {
      return work.run(frame);
    } catch (Throwable failure) {
      if (Rollback.wanted(spec, failure)) {
        frame.markRollbackOnly(what, failure);
      }
      throw failure;
    }
  }

  private String name() {
    return name;
  }

  @Override
  public String toString() {
    return "Transactions[" + (database.isEmpty() ? "default" : database) + "]";
  }
}
