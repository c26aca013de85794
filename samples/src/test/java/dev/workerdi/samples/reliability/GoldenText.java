package dev.workerdi.samples.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files for the samples' messages, as di-core's {@code Golden} does for the library (this
 * module does not depend on di-core's test jar): {@code src/test/resources/golden/NAME.txt}, written
 * when missing (the test then fails once, for review) or with {@code -Dgolden.update=true}. Stateless.
 */
final class GoldenText {
  private GoldenText() {}

  static void assertMatches(String name, String actual) throws IOException {
    String text = actual.replaceAll("\\.java:\\d+\\)", ".java:LINE)").strip();
    Path file = Path.of("src", "test", "resources", "golden", name + ".txt");
    if (Boolean.getBoolean("golden.update") || !Files.exists(file)) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text + "\n", StandardCharsets.UTF_8);
      if (!Boolean.getBoolean("golden.update")) {
        fail("Golden file " + file + " did not exist; it was written now. Review it and run again.");
      }
      return;
    }
    assertEquals(Files.readString(file, StandardCharsets.UTF_8).strip(), text, "golden file " + file);
  }
}
