package dev.workerdi.samples.server;

/**
 * A process-wide value built from a recipe: thread-safe, holds no I/O. Immutable and thread-safe.
 */
public final class Banner {
  private final String text;

  public Banner(String text) {
    this.text = text;
  }

  public String text() {
    return text;
  }
}
