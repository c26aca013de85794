package dev.workerdi.jdbc.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets, after the fact: scans every file surefire wrote for every module of this checkout
 * ({@code * /target/surefire-reports/*}: the {@code -output.txt} files with everything the tests
 * and the library printed and logged, the {@code .txt} summaries, the XML reports) for {@link
 * Secrets#PASSWORD}, and reports hits by file and line, never the text.
 *
 * <p>It sees what was written before it runs: every report of the modules built before this one,
 * and those of the test classes of this module that ran earlier (surefire's order). The rest of this
 * module is covered as it happens by {@link OutputTap} (every class that logs in fails itself when
 * the password goes through {@code System.out}/{@code System.err}), and by the same scan in the
 * samples module, which is built after this one.
 */
@ExtendWith(Secrets.class)
class SecretsInReportsTest {

  /** "file:line" of every line that contains {@code secret}, in the files of the report directories. */
  static List<String> scan(List<Path> reportDirectories, String secret) throws IOException {
    String needle = new String(secret.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    List<String> hits = new ArrayList<>();
    for (Path directory : reportDirectories) {
      for (Path file : files(directory)) {
        List<String> lines;
        try {
          lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1); // byte for byte, whatever the encoding
        } catch (NoSuchFileException replaced) {
          continue; // surefire replaced it meanwhile; its final version is scanned by the next module's scan
        }
        for (int i = 0; i < lines.size(); i++) {
          if (lines.get(i).contains(needle)) {
            hits.add(file + ":" + (i + 1));
          }
        }
      }
    }
    return hits;
  }

  /** The files of a report directory (flat; a file surefire replaces meanwhile is simply not listed). */
  static List<Path> files(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.filter(Files::isRegularFile).sorted().toList();
    }
  }

  /** The surefire report directories of every module of this checkout that has one. */
  static List<Path> reportDirectories() throws IOException {
    Path root = Path.of("").toAbsolutePath().getParent();
    try (Stream<Path> modules = Files.list(root)) {
      return modules.map(module -> module.resolve("target/surefire-reports")).filter(Files::isDirectory).sorted()
          .toList();
    }
  }

  @Test
  void theScanFindsAPlantedPassword(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("x-output.txt"), "a\nlogin with " + new StringBuilder(Secrets.PASSWORD) + " here\n");
    assertEquals(List.of(dir.resolve("x-output.txt") + ":2"), scan(List.of(dir), Secrets.PASSWORD));
  }

  @Test
  void noReportOfAnyModuleContainsThePassword() throws IOException {
    List<Path> directories = reportDirectories();
    long files = 0;
    long bytes = 0;
    for (Path directory : directories) {
      for (Path file : files(directory)) {
        files++;
        bytes += file.toFile().length();
      }
    }
    List<String> hits = scan(directories, Secrets.PASSWORD);
    System.out.println("SECRETS: scanned " + files + " report files (" + bytes / 1024 + " KiB) in " + directories
        + ": " + hits.size() + " line(s) with the password " + hits);
    assertTrue(files > 0, "no surefire reports found under " + directories);
    assertEquals(List.of(), hits, "the configured password appears in test output (file:line)");
  }
}
