package dev.workerdi.core;

import java.util.concurrent.atomic.AtomicBoolean;

/** Records when its class is initialised, to prove registration does not initialise it. */
public final class LazyInit {
  static final AtomicBoolean INITIALISED = Flag.FLAG;

  static {
    INITIALISED.set(true);
  }

  public LazyInit() {}

  /** Holds the flag outside LazyInit so reading it does not initialise LazyInit. */
  public static final class Flag {
    static final AtomicBoolean FLAG = new AtomicBoolean();

    private Flag() {}
  }
}
