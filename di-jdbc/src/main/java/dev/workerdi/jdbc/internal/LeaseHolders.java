package dev.workerdi.jdbc.internal;

/**
 * The lease each thread holds from one pool now, so that a second borrow by the same thread fails
 * at once instead of waiting for a connection it holds itself. One thread-local per pool: reading
 * and replacing it costs no shared write and, after a thread's first lease, no allocation (a
 * concurrent map of threads cost a node and two shared updates per lease). A lease returned by
 * another thread (the reclaimer) stays referenced until its owner's next borrow, which sees it
 * returned. Thread-safe (per-thread state). Not a supported API.
 */
final class LeaseHolders {
  private final ThreadLocal<LeaseCore> held = new ThreadLocal<>();

  /** The current thread's last lease from this pool (possibly returned), or null. */
  LeaseCore current() {
    return held.get();
  }

  /** Records {@code lease} as the current thread's. */
  void hold(LeaseCore lease) {
    held.set(lease);
  }

  /** Forgets {@code lease} once it is returned, when its owner returns it. */
  void forget(Thread owner, LeaseCore lease) {
    if (Thread.currentThread() == owner && held.get() == lease) {
      held.set(null);
    }
  }
}
