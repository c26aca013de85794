package dev.workerdi.jdbc.reliability;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The suite's password and the checks that it never shows. Every reliability test that connects
 * logs in as a {@link TestUser} identified by {@link #PASSWORD}, a string that appears nowhere else,
 * so that finding it in any output proves a leak. As an extension ({@code @ExtendWith(Secrets.class)})
 * it installs the {@link OutputTap} before the class and fails the class when the password went
 * through {@code System.out} or {@code System.err} while it ran (or earlier in this JVM). Stateless.
 */
final class Secrets implements BeforeAllCallback, AfterAllCallback {
  /** The password of every {@link TestUser}: distinctive, so that a plain text search finds leaks. */
  static final String PASSWORD = "Rq7-wdiRel-Pw-9xKz4T";

  @Override
  public void beforeAll(ExtensionContext context) {
    OutputTap.install();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    System.out.flush();
    System.err.flush();
    OutputTap tap = OutputTap.install();
    if (tap.hits() > 0) {
      fail("The configured password appeared " + tap.hits() + " time(s) in this JVM's output, first in: "
          + tap.hitPlaces());
    }
  }

  /**
   * Fails when the password is in {@code thing}'s {@code toString}, or, for a throwable, anywhere in
   * its printed stack trace (messages and causes included); prints the text so that the report scan
   * sees it too.
   */
  static void assertHidden(Object thing) {
    String text = thing instanceof Throwable t ? stackTrace(t) : String.valueOf(thing);
    if (text.contains(PASSWORD)) {
      fail("The configured password appears in a " + thing.getClass().getName() + " (text masked): "
          + text.replace(PASSWORD, "<THE PASSWORD>"));
    }
    System.out.println("checked for the password: " + text);
  }

  static String stackTrace(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}
