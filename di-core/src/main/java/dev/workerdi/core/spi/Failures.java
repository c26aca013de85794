package dev.workerdi.core.spi;

import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;

/**
 * The container's argument and closed-state errors, for the library's other modules and extensions,
 * so that a null argument or a closed resource reads the same everywhere ({@link
 * ErrorId#NULL_ARGUMENT}, {@link ErrorId#CONTEXT_CLOSED}, with the caller). Stateless and
 * thread-safe.
 */
public final class Failures {
  private Failures() {}

  /** {@code call: what is null}, with the caller's location and {@code fix}. */
  public static DiException nullArgument(String call, String what, String fix) {
    return DiException.builder(ErrorId.NULL_ARGUMENT, call + ": " + what + " is null")
        .field("caller", CallerLocation.application())
        .fix(fix)
        .build();
  }

  /** {@code Cannot resolve key: what is closed}, with the caller's location and the fix. */
  public static DiException closed(String what, Object key) {
    return DiException.builder(
            ErrorId.CONTEXT_CLOSED, "Cannot resolve " + key + ": " + what + " is closed")
        .field("key", key)
        .field("caller", CallerLocation.application())
        .fix("Resolve bindings only while their worker, coroutine or container runs.")
        .build();
  }
}
