package dev.workerdi.samples.reliability;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The samples' side of the secrets check (the same password as di-jdbc's reliability suite, which
 * this module cannot see): as an extension it taps {@code System.out} and {@code System.err} for the
 * JVM's life (bytes still reach surefire's {@code -output.txt} files) and fails a test class when
 * {@link #PASSWORD} went through them while it ran or before. Thread-safe.
 */
final class Secrets implements BeforeAllCallback, AfterAllCallback {
  /** The password of every account these tests create: distinctive, so that a text search finds leaks. */
  static final String PASSWORD = "Rq7-wdiRel-Pw-9xKz4T";

  private static final ReentrantLock INSTALL = new ReentrantLock();
  private static final AtomicLong HITS = new AtomicLong();
  private static boolean installed;

  @Override
  public void beforeAll(ExtensionContext context) {
    install();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    System.out.flush();
    System.err.flush();
    if (HITS.get() > 0) {
      fail("The configured password appeared " + HITS.get() + " time(s) in this JVM's output");
    }
  }

  static void install() {
    INSTALL.lock();
    try {
      if (!installed) {
        System.setOut(new PrintStream(new Tee(System.out), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(System.err), true, StandardCharsets.UTF_8));
        installed = true;
      }
    } finally {
      INSTALL.unlock();
    }
  }

  /** Fails when the password is in {@code text}; prints it (masked or not) so the report scan sees it too. */
  static void assertHidden(String what, String text) {
    if (text.contains(PASSWORD)) {
      fail("The configured password appears in " + what + ": " + text.replace(PASSWORD, "<THE PASSWORD>"));
    }
    System.out.println("checked for the password, " + what + ": " + text);
  }

  /** Forwards bytes and counts the password in them (Knuth-Morris-Pratt, across writes). */
  private static final class Tee extends OutputStream {
    private static final byte[] NEEDLE = PASSWORD.getBytes(StandardCharsets.UTF_8);
    private static final int[] BORDER = new int[NEEDLE.length];

    static {
      for (int i = 1, k = 0; i < NEEDLE.length; i++) {
        while (k > 0 && NEEDLE[i] != NEEDLE[k]) {
          k = BORDER[k - 1];
        }
        k += NEEDLE[i] == NEEDLE[k] ? 1 : 0;
        BORDER[i] = k;
      }
    }

    private final PrintStream target;
    private int matched;

    Tee(PrintStream target) {
      this.target = target;
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
      for (int i = offset; i < offset + length; i++) {
        while (matched > 0 && bytes[i] != NEEDLE[matched]) {
          matched = BORDER[matched - 1];
        }
        if (bytes[i] == NEEDLE[matched] && ++matched == NEEDLE.length) {
          HITS.incrementAndGet();
          matched = BORDER[matched - 1];
        }
      }
      target.write(bytes, offset, length);
    }

    @Override
    public void flush() {
      target.flush();
    }
  }
}
