package dev.workerdi.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The test password and the checks that it never shows. Every test that connects with a password
 * logs in as a {@link TestUser} identified by {@link #PASSWORD}, a string that appears nowhere
 * else, so that finding it in any output proves a leak. As an extension
 * ({@code @ExtendWith(Secrets.class)}) it installs the {@link OutputTap} before the class and fails
 * the class when the password went through {@code System.out} or {@code System.err} while it ran
 * (or earlier in this JVM). Thread-safe.
 */
public final class Secrets implements BeforeAllCallback, AfterAllCallback {
  /**
   * The password of every {@link TestUser}: distinctive, so that a plain text search finds leaks.
   */
  public static final String PASSWORD = "Rq7-wdiRel-Pw-9xKz4T";

  /** Fails when the password is in {@code text}; prints it so that the report scan sees it too. */
  public static void assertHidden(String what, String text) {
    if (text.contains(PASSWORD)) {
      fail(
          "The configured password appears in "
              + what
              + ": "
              + text.replace(PASSWORD, "<THE PASSWORD>"));
    }
    System.out.println("checked for the password, " + what + ": " + text);
  }

  /**
   * Scans every surefire report of every module of this checkout ({@link ReportScan}) and fails, by
   * file and line (never the text), where the password appears; returns a one-line summary.
   */
  public static String assertNoReportContainsThePassword() throws IOException {
    List<Path> directories = ReportScan.reportDirectories();
    long files = 0;
    long bytes = 0;
    for (Path directory : directories) {
      for (Path file : ReportScan.files(directory)) {
        files++;
        bytes += file.toFile().length();
      }
    }
    List<String> hits = ReportScan.scan(directories, PASSWORD);
    assertTrue(files > 0, "no surefire reports found under " + directories);
    assertEquals(List.of(), hits, "the configured password appears in test output (file:line)");
    return "scanned "
        + files
        + " report files ("
        + bytes / 1024
        + " KiB) of "
        + directories.size()
        + " module(s): no line with the password";
  }

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
      fail(
          "The configured password appeared "
              + tap.hits()
              + " time(s) in this JVM's output, first in: "
              + tap.hitPlaces());
    }
  }

  /**
   * Fails when the password is in {@code thing}'s {@code toString}, or, for a throwable, anywhere
   * in its printed stack trace (messages and causes included); prints the text so that the report
   * scan sees it too.
   */
  public static void assertHidden(Object thing) {
    String text = thing instanceof Throwable t ? stackTrace(t) : String.valueOf(thing);
    if (text.contains(PASSWORD)) {
      fail(
          "The configured password appears in a "
              + thing.getClass().getName()
              + " (text masked): "
              + text.replace(PASSWORD, "<THE PASSWORD>"));
    }
    System.out.println("checked for the password: " + text);
  }

  public static String stackTrace(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}
