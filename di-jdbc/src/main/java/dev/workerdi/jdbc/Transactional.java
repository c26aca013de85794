package dev.workerdi.jdbc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a method of a Guice-built object in a transaction on the calling coroutine's lease.
 * Installed by {@link JdbcModule} as a Guice method interceptor; the programmatic form is {@link
 * Transactions#inTransaction}. This is workerdi's own annotation rather than guice-persist's {@code
 * com.google.inject.persist.Transactional}: that one has no read-only, isolation, retry or database
 * name, and honouring it would make guice-persist (and its JPA API) a dependency.
 *
 * <ul>
 *   <li><b>Nesting</b>: a call made while the coroutine's transaction on the same database is open
 *       joins it; the outermost method commits when it returns, or rolls back.
 *   <li><b>Rollback</b>: on {@code RuntimeException} and {@code Error}, and on the checked
 *       exceptions {@link #rollbackOn} names; not on those {@link #noRollbackOn} names (the closest
 *       class in the exception's hierarchy decides). Other checked exceptions commit the work done,
 *       then propagate. A nested call whose exception rolls back marks the whole transaction
 *       rollback-only.
 *   <li><b>Read-only and isolation</b> are set before the transaction starts and restored after it;
 *       a nested call that asks for a different isolation, or for writes inside a read-only
 *       transaction, fails with {@code DI-332}.
 *   <li><b>Retry</b>: only a method with {@link #maxAttempts} above 1, only as the outermost
 *       transactional call, and only for serialization failures: deadlock (1213), lock wait timeout
 *       (1205) and a cluster's certification conflict (1213 or SQLSTATE 40001). The whole outermost
 *       method runs again after a backoff with full jitter; other failures are never retried.
 * </ul>
 *
 * Guice intercepts only non-private, non-final, non-static methods of classes it constructs; an
 * annotation anywhere else is reported instead of being ignored ({@code DI-337}), with the same
 * message when the injector is created ({@code WorkerHost.start}) and by static validation ({@code
 * Validation.validate}, {@code @ValidateModules}), which {@link JdbcModule} contributes the check
 * to. On an interface method it counts only if the implementing method carries it too. Immutable.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Transactional {

  /**
   * The database: the name given to {@link JdbcModule#named}, or empty for {@link JdbcModule#of}.
   */
  String database() default "";

  /** Whether the transaction is read-only ({@code Connection.setReadOnly(true)} while it runs). */
  boolean readOnly() default false;

  /** The isolation level while the transaction runs. */
  Isolation isolation() default Isolation.DEFAULT;

  /** Join an open transaction or refuse to ({@link Propagation#REQUIRES_NEW}). */
  Propagation propagation() default Propagation.REQUIRED;

  /** The exceptions that roll back (besides {@code RuntimeException} and {@code Error}). */
  Class<? extends Throwable>[] rollbackOn() default {};

  /**
   * The exceptions that do not roll back, even when they are unchecked or under {@link
   * #rollbackOn}.
   */
  Class<? extends Throwable>[] noRollbackOn() default {};

  /**
   * How many times the whole method may run when it fails on a serialization failure; 1: no retry.
   */
  int maxAttempts() default 1;

  /**
   * The first backoff's upper bound, in milliseconds; it doubles after each attempt (full jitter).
   */
  long backoffMillis() default 10;

  /** The upper bound of any backoff, in milliseconds. */
  long maxBackoffMillis() default 1000;
}
