package dev.workerdi.lifecycle.internal.validation;

/**
 * How long one instance of a binding lives, as far as static validation can tell. Immutable and
 * thread-safe. Not a supported API.
 */
enum LifeSpan {
  SINGLETON("singleton", 3),
  EAGER_SINGLETON("eager singleton", 3),
  INSTANCE("instance binding", 3),
  PROCESS_RECIPE("process-wide recipe", 3),
  WORKER("worker-scoped", 2),
  COROUTINE("coroutine-scoped", 1),
  /** A new instance per injection: transparent, its dependencies count as its dependents'. */
  UNSCOPED("unscoped", 0),
  /** A scope this project does not know: validation does not look through it. */
  OTHER("custom-scoped", -1);

  private final String label;
  private final int rank;

  LifeSpan(String label, int rank) {
    this.label = label;
    this.rank = rank;
  }

  /** As printed in messages: {@code singleton}, {@code worker-scoped}, ... */
  String label() {
    return label;
  }

  /** Whether an instance of this span holding one of {@code other} would keep it too long. */
  boolean outlives(LifeSpan other) {
    return (other == WORKER || other == COROUTINE) && rank > other.rank;
  }

  /** Whether dependencies are followed through a binding of this span. */
  boolean isTransparent() {
    return this == UNSCOPED;
  }
}
