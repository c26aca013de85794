package dev.workerdi.core;

/** How widely one built instance of a binding is shared. Immutable and thread-safe. */
public enum Sharing {
  /**
   * One instance per worker, built on first use inside that worker (the EasySwoole semantics after
   * fork). The default: resolving it with no worker on the thread fails fast.
   */
  WORKER,
  /**
   * One instance for the whole process, built on first use in any phase. Only for thread-safe
   * objects that hold no I/O (configuration, codecs, clocks).
   */
  PROCESS
}
