package dev.workerdi.samples.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files for the backup's messages: {@code src/test/resources/golden/backup/NAME.txt},
 * written when missing (the test then fails once, for review) or with {@code -Dgolden.update=true}.
 * Stateless.
 */
final class BackupGolden {
  private BackupGolden() {}

  static void assertMatches(String name, String actual) throws IOException {
    String text = actual.strip();
    Path file = Path.of("src", "test", "resources", "golden", "backup", name + ".txt");
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
