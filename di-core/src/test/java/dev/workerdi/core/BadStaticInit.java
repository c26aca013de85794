package dev.workerdi.core;

/** A class whose static initialiser throws; loaded by name so nothing else touches it. */
public final class BadStaticInit {
  static final int VALUE = fail();

  public BadStaticInit() {}

  private static int fail() {
    throw new IllegalStateException("configuration file missing");
  }
}
