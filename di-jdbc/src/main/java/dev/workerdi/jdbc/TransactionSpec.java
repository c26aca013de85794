package dev.workerdi.jdbc;

import dev.workerdi.jdbc.internal.JdbcErrors;
import java.time.Duration;
import java.util.List;

/**
 * How a programmatic transaction runs ({@link Transactions#inTransaction(TransactionSpec,
 * TransactionCallback)}): the same choices as {@link Transactional}'s attributes, with the same
 * meaning. Start from {@link #defaults()} and derive; every method returns a new spec and checks
 * its arguments ({@code DI-125} for a bad one). Immutable and thread-safe.
 *
 * <pre>{@code
 * TransactionSpec spec = TransactionSpec.defaults().isolation(Isolation.SERIALIZABLE).retry(5);
 * }</pre>
 */
public final class TransactionSpec {
  private static final TransactionSpec DEFAULTS = new TransactionSpec(false, Isolation.DEFAULT,
      Propagation.REQUIRED, List.of(), List.of(), 1, Duration.ofMillis(10), Duration.ofSeconds(1));

  private final boolean readOnly;
  private final Isolation isolation;
  private final Propagation propagation;
  private final List<Class<? extends Throwable>> rollbackOn;
  private final List<Class<? extends Throwable>> noRollbackOn;
  private final int maxAttempts;
  private final Duration backoff;
  private final Duration maxBackoff;

  private TransactionSpec(boolean readOnly, Isolation isolation, Propagation propagation,
      List<Class<? extends Throwable>> rollbackOn, List<Class<? extends Throwable>> noRollbackOn, int maxAttempts,
      Duration backoff, Duration maxBackoff) {
    this.readOnly = readOnly;
    this.isolation = isolation;
    this.propagation = propagation;
    this.rollbackOn = rollbackOn;
    this.noRollbackOn = noRollbackOn;
    this.maxAttempts = maxAttempts;
    this.backoff = backoff;
    this.maxBackoff = maxBackoff;
  }

  /** Read-write, the connection's isolation, joins an open transaction, no retry. */
  public static TransactionSpec defaults() {
    return DEFAULTS;
  }

  /** The spec a {@link Transactional} annotation describes. */
  public static TransactionSpec of(Transactional annotation) {
    if (annotation == null) {
      throw JdbcErrors.badSpec("annotation", "null", "Pass the @Transactional of the method.");
    }
    return DEFAULTS.readOnly(annotation.readOnly()).isolation(annotation.isolation())
        .propagation(annotation.propagation()).rollbackOn(annotation.rollbackOn())
        .noRollbackOn(annotation.noRollbackOn())
        .retry(annotation.maxAttempts(), Duration.ofMillis(annotation.backoffMillis()),
            Duration.ofMillis(annotation.maxBackoffMillis()));
  }

  /** The same spec, read-only or not. */
  public TransactionSpec readOnly(boolean value) {
    return new TransactionSpec(value, isolation, propagation, rollbackOn, noRollbackOn, maxAttempts, backoff,
        maxBackoff);
  }

  /** The same spec with this isolation level. */
  public TransactionSpec isolation(Isolation value) {
    if (value == null) {
      throw JdbcErrors.badSpec("isolation", "null", "Pass an Isolation, e.g. Isolation.DEFAULT.");
    }
    return new TransactionSpec(readOnly, value, propagation, rollbackOn, noRollbackOn, maxAttempts, backoff,
        maxBackoff);
  }

  /** The same spec with this propagation. */
  public TransactionSpec propagation(Propagation value) {
    if (value == null) {
      throw JdbcErrors.badSpec("propagation", "null", "Pass Propagation.REQUIRED or Propagation.REQUIRES_NEW.");
    }
    return new TransactionSpec(readOnly, isolation, value, rollbackOn, noRollbackOn, maxAttempts, backoff,
        maxBackoff);
  }

  /** The same spec, rolling back also on these exceptions (replacing an earlier list). */
  @SafeVarargs
  @SuppressWarnings("varargs")
  public final TransactionSpec rollbackOn(Class<? extends Throwable>... types) {
    return new TransactionSpec(readOnly, isolation, propagation, checked("rollbackOn", types, noRollbackOn),
        noRollbackOn, maxAttempts, backoff, maxBackoff);
  }

  /** The same spec, not rolling back on these exceptions (replacing an earlier list). */
  @SafeVarargs
  @SuppressWarnings("varargs")
  public final TransactionSpec noRollbackOn(Class<? extends Throwable>... types) {
    return new TransactionSpec(readOnly, isolation, propagation, rollbackOn, checked("noRollbackOn", types, rollbackOn),
        maxAttempts, backoff, maxBackoff);
  }

  /** The same spec, retrying serialization failures up to {@code maxAttempts} runs, backoff 10 ms to 1 s. */
  public TransactionSpec retry(int maxAttempts) {
    return retry(maxAttempts, backoff, maxBackoff);
  }

  /** The same spec, retrying serialization failures: the first backoff up to {@code backoff}, doubling. */
  public TransactionSpec retry(int maxAttempts, Duration backoff, Duration maxBackoff) {
    if (maxAttempts < 1) {
      throw JdbcErrors.badSpec("maxAttempts", String.valueOf(maxAttempts), "Pass 1 (no retry) or more.");
    }
    if (backoff == null || backoff.isNegative() || maxBackoff == null || maxBackoff.compareTo(backoff) < 0) {
      throw JdbcErrors.badSpec("backoff", backoff + " .. " + maxBackoff,
          "Pass a backoff of zero or more and a maximum backoff not below it, e.g. 10 ms and 1 s.");
    }
    return new TransactionSpec(readOnly, isolation, propagation, rollbackOn, noRollbackOn, maxAttempts, backoff,
        maxBackoff);
  }

  private static List<Class<? extends Throwable>> checked(String attribute, Class<? extends Throwable>[] types,
      List<Class<? extends Throwable>> other) {
    if (types == null) {
      throw JdbcErrors.badSpec(attribute, "null", "Pass exception classes, e.g. IOException.class.");
    }
    for (Class<? extends Throwable> type : types) {
      if (type == null || other.contains(type)) {
        throw JdbcErrors.badSpec(attribute, type == null ? "null" : type.getName(),
            type == null ? "Remove the null class." : "Name " + type.getName() + " in rollbackOn or in noRollbackOn, not both.");
      }
    }
    return List.of(types);
  }

  /** Whether the transaction is read-only. */
  public boolean isReadOnly() {
    return readOnly;
  }

  /** The isolation level. */
  public Isolation isolation() {
    return isolation;
  }

  /** The propagation. */
  public Propagation propagation() {
    return propagation;
  }

  /** The checked exceptions that roll back, besides {@code RuntimeException} and {@code Error}. */
  public List<Class<? extends Throwable>> rollbackOn() {
    return rollbackOn;
  }

  /** The exceptions that do not roll back. */
  public List<Class<? extends Throwable>> noRollbackOn() {
    return noRollbackOn;
  }

  /** How many runs a serialization failure may cost; 1 means no retry. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** The upper bound of the first backoff. */
  public Duration backoff() {
    return backoff;
  }

  /** The upper bound of every backoff. */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  @Override
  public String toString() {
    return "TransactionSpec[" + (readOnly ? "read-only" : "read-write") + ", isolation " + isolation + ", "
        + propagation + ", rollbackOn " + names(rollbackOn) + ", noRollbackOn " + names(noRollbackOn)
        + ", attempts " + maxAttempts + "]";
  }

  private static String names(List<Class<? extends Throwable>> types) {
    return types.stream().map(Class::getSimpleName).toList().toString();
  }
}
