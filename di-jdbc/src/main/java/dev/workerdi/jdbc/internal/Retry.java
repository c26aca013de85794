package dev.workerdi.jdbc.internal;

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
 * jitter: a random wait up to a bound that doubles each attempt, capped). Stateless and
 * thread-safe. Not a supported API.
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
