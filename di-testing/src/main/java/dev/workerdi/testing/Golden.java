package dev.workerdi.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files for error messages: the exact text of each message lives in {@code
 * src/test/resources/golden/NAME.txt} of the module under test. Line numbers of stack frames and
 * lambda ordinals are normalised ({@code (Foo.java:LINE)}, {@code lambda$N}) so unrelated edits do
 * not churn the files; dedicated tests pin real line numbers. Run with {@code -Dgolden.update=true}
 * to rewrite the files after an intended change. Thread-safe.
 */
public final class Golden {
  private Golden() {}

  /** Asserts that {@code actual} equals the golden file {@code name} after normalisation. */
  public static void assertMatches(String name, String actual) {
    String normalized = normalize(actual);
    Path file = Path.of("src", "test", "resources", "golden", name + ".txt");
    boolean update = Boolean.getBoolean("golden.update");
    try {
      if (update || !Files.exists(file)) {
        Files.createDirectories(file.getParent());
        Files.writeString(file, normalized + "\n", StandardCharsets.UTF_8);
        if (!update) {
          fail(
              "Golden file "
                  + file
                  + " did not exist; it was written now. Review it and run again.");
        }
        return;
      }
      String expected = Files.readString(file, StandardCharsets.UTF_8);
      assertEquals(expected.stripTrailing(), normalized.stripTrailing(), "golden file " + file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The message with line numbers, lambda ordinals and identity hashes made stable. */
  public static String normalize(String text) {
    return text.replaceAll("\\.java:\\d+\\)", ".java:LINE)")
        .replaceAll("lambda\\$(\\w+)\\$\\d+", "lambda\\$$1\\$N")
        .replaceAll("@[0-9a-f]{4,8}\\b", "@HASH")
        .replaceAll("\\$Proxy\\d+", "\\$ProxyN")
        .replaceAll("\\$\\$Lambda[/\\w.$]*", "\\$\\$Lambda");
  }
}
