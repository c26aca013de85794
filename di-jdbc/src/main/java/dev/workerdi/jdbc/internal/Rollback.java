package dev.workerdi.jdbc.internal;

import dev.workerdi.jdbc.TransactionSpec;
import java.util.List;

/**
 * Decides whether a failure rolls a transaction back: serialization failures always do (the server
 * has aborted the transaction); otherwise the closest class in the failure's hierarchy among {@code
 * RuntimeException}, {@code Error} and the spec's {@code rollbackOn} (roll back) and its {@code
 * noRollbackOn} (commit) wins; a failure under neither commits. Stateless and thread-safe. Not a
 * supported API.
 */
final class Rollback {
  private static final List<Class<? extends Throwable>> ALWAYS =
      List.of(RuntimeException.class, Error.class);
  private static final int NONE = Integer.MAX_VALUE;

  private Rollback() {}

  static boolean wanted(TransactionSpec spec, Throwable failure) {
    if (Retry.isSerializationFailure(failure)) {
      return true;
    }
    Class<?> type = failure.getClass();
    int rollback = Math.min(distance(type, ALWAYS), distance(type, spec.rollbackOn()));
    int keep = distance(type, spec.noRollbackOn());
    return rollback != NONE && rollback < keep;
  }

  /**
   * Steps up the superclass chain from {@code type} to the nearest of {@code types}; NONE if none.
   */
  private static int distance(Class<?> type, List<Class<? extends Throwable>> types) {
    int steps = 0;
    for (Class<?> current = type; current != null; current = current.getSuperclass(), steps++) {
      if (types.contains(current)) {
        return steps;
      }
    }
    return NONE;
  }
}
