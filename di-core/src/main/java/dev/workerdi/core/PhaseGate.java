package dev.workerdi.core;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The current {@link Phase} of one container, moved strictly forward by the lifecycle that drives
 * it (di-lifecycle's host, or a host application's own code).
 *
 * <p>The container consults the gate to decide whether registration is still open and to name the
 * phase in errors. Skipping phases is allowed (a failed start goes straight to {@link
 * Phase#SHUTDOWN}); moving backwards is not. Thread-safe.
 */
public final class PhaseGate {
  private final AtomicReference<Phase> current = new AtomicReference<>(Phase.FRAME_INITIALIZE);

  /** A gate at {@link Phase#FRAME_INITIALIZE}. */
  public PhaseGate() {}

  /** The phase now. */
  public Phase current() {
    return current.get();
  }

  /**
   * Moves to {@code next}; staying in the same phase is a no-op.
   *
   * @throws DiException {@link ErrorId#PHASE_ORDER} if {@code next} comes before the current phase
   */
  public void advanceTo(Phase next) {
    if (next == null) {
      throw DiException.builder(
              ErrorId.NULL_ARGUMENT, "PhaseGate.advanceTo(null): the next phase is null")
          .fix("Pass one of " + java.util.Arrays.toString(Phase.values()) + ".")
          .build();
    }
    Phase before =
        current.getAndAccumulate(next, (now, wanted) -> wanted.compareTo(now) >= 0 ? wanted : now);
    if (next.compareTo(before) < 0) {
      throw DiException.builder(
              ErrorId.PHASE_ORDER, "Cannot move back from " + before + " to " + next)
          .field("phase", before)
          .fix(
              "Phases only move forward; start a new container (and host) to run the phases again.")
          .build();
    }
  }

  /** Whether recipes may still be registered or deleted (no worker has started). */
  public boolean registrationOpen() {
    return current().isBeforeWorkers();
  }

  @Override
  public String toString() {
    return "PhaseGate[" + current() + "]";
  }
}
