package dev.workerdi.jdbc.internal;

import dev.workerdi.jdbc.Lease;
import dev.workerdi.jdbc.TransactionSpec;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retry policy of transactions: which failures are serialization failures (found anywhere in
 * the cause chain, so Jdbi's and jOOQ's wrappers count), and the backoff between attempts (full
 * jitter: a random wait up to a bound that doubles each attempt, capped), and a connection lost
 * before the commit (the lease gets a fresh one, see {@link #renew}). Stateless and thread-safe.
 * Not a supported API.
 */
final class Retry {
  private static final Logger LOG = LoggerFactory.getLogger(Retry.class);

  /**
   * ER_LOCK_DEADLOCK: InnoDB's deadlock, and Galera's certification conflict ("WSREP detected
   * deadlock/conflict").
   */
  static final int DEADLOCK = 1213;

  /** ER_LOCK_WAIT_TIMEOUT. */
  static final int LOCK_WAIT_TIMEOUT = 1205;

  /** The SQL standard's serialization failure. */
  static final String SERIALIZATION_FAILURE = "40001";

  private Retry() {}

  static boolean isSerializationFailure(Throwable failure) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth < 32; t = t.getCause(), depth++) {
      if (t instanceof SQLException sql
          && (sql.getErrorCode() == DEADLOCK
              || sql.getErrorCode() == LOCK_WAIT_TIMEOUT
              || SERIALIZATION_FAILURE.equals(sql.getSQLState()))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the lease's connection is broken: HikariCP closed its proxy after a link failure
   * (SQLState class 08, which {@code DI-341} keeps), so nothing can have been sent on it since.
   * Asked locally, no round trip.
   */
  static boolean isBroken(Lease lease) {
    try {
      return !lease.isReleased() && lease.connection().isClosed();
    } catch (SQLException | RuntimeException e) {
      return true;
    }
  }

  /**
   * The lease's connection broke before any COMMIT was sent on it (attempt {@code attempt}; 0: it
   * was broken before the call), so nothing of the attempt was applied: the coroutine's lease gets
   * a fresh connection from the pool (a surviving node, on a cluster URL) for the next attempt,
   * without a wait (the pool's failover already waited). A failed borrow ends the retries with its
   * error ({@code failure} suppressed in it).
   */
  static void renew(
      Lease lease,
      int attempt,
      TransactionSpec spec,
      Throwable failure,
      String database,
      String what)
      throws Throwable {
    if (!(lease instanceof LeaseCore core)) {
      if (failure != null) {
        throw failure;
      }
      return;
    }
    LOG.info(
        "Transaction {} on {}: the lease's connection broke {}; running it on a fresh connection: {}",
        what,
        database,
        attempt == 0 ? "before the call" : "on attempt " + attempt + " of " + spec.maxAttempts(),
        String.valueOf(failure));
    try {
      core.renew();
    } catch (RuntimeException e) {
      if (failure != null) {
        e.addSuppressed(failure);
      }
      throw e;
    }
  }

  /**
   * Waits before attempt {@code attempt + 1}; an interrupt ends the retries with {@code failure}.
   */
  static void backoff(
      TransactionSpec spec, int attempt, Throwable failure, String database, String what)
      throws Throwable {
    long wait = delay(spec, attempt, ThreadLocalRandom.current());
    LOG.debug(
        "Transaction {} on {}: serialization failure on attempt {} of {}, retrying in {} µs: {}",
        what,
        database,
        attempt,
        spec.maxAttempts(),
        wait / 1000,
        failure.toString());
    try {
      TimeUnit.NANOSECONDS.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure.addSuppressed(e);
      throw failure;
    }
  }

  /**
   * The bound of the wait after attempt {@code attempt}: the backoff doubled per attempt, capped.
   */
  static long bound(TransactionSpec spec, int attempt) {
    long base = spec.backoff().toNanos();
    long doubled =
        attempt > 62 || base << (attempt - 1) < 0 ? Long.MAX_VALUE : base << (attempt - 1);
    return Math.min(spec.maxBackoff().toNanos(), doubled);
  }

  /** Full jitter: a uniformly random wait in [0, bound], in nanoseconds. */
  static long delay(TransactionSpec spec, int attempt, RandomGenerator random) {
    long bound = bound(spec, attempt);
    return bound <= 0 ? 0 : random.nextLong(bound + 1);
  }

  /** The last failure, carrying a note that every attempt failed. */
  static Throwable gaveUp(Throwable failure, String database, String what, int attempts) {
    if (isSerializationFailure(failure)) {
      failure.addSuppressed(JdbcErrors.retriesExhausted(database, what, attempts, failure));
    }
    return failure;
  }
}
