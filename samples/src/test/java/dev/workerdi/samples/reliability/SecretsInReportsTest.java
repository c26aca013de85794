package dev.workerdi.samples.reliability;

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
 * Secrets, after the whole run of the library: samples is built after di-core, di-lifecycle and
 * di-jdbc, so their surefire reports are complete when this runs. It scans every file of every
 * module's {@code target/surefire-reports} (the {@code -output.txt} files with all the tests and the
 * library printed and logged, the summaries, the XML reports) for {@link Secrets#PASSWORD} and
 * reports hits as file:line, never the text. This module's own classes that ran later are covered
 * by the {@link Secrets} tap.
 */
@ExtendWith(Secrets.class)
class SecretsInReportsTest {

  static List<String> scan(List<Path> directories, String secret) throws IOException {
    String needle = new String(secret.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    List<String> hits = new ArrayList<>();
    for (Path directory : directories) {
      for (Path file : files(directory)) {
        List<String> lines;
        try {
          lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1); // byte for byte, whatever the encoding
        } catch (NoSuchFileException replaced) {
          continue; // rewritten by surefire while listing
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

  private static List<Path> files(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.filter(Files::isRegularFile).sorted().toList();
    }
  }

  private static List<Path> reportDirectories() throws IOException {
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
    List<String> evidence = new ArrayList<>();
    for (Path directory : directories) {
      for (Path file : files(directory)) {
        files++;
        bytes += file.toFile().length();
        if (file.getFileName().toString().contains(".reliability.") && file.toString().endsWith("-output.txt")) {
          evidence.add(file.getFileName().toString());
        }
      }
    }
    List<String> hits = scan(directories, Secrets.PASSWORD);
    System.out.println("SECRETS: scanned " + files + " report files (" + bytes / 1024 + " KiB) of " + directories.size()
        + " modules, among them the output of " + evidence.size() + " reliability test classes that log in with the"
        + " password: " + hits.size() + " line(s) with the password " + hits);
    assertTrue(files > 0, "no surefire reports under " + directories);
    assertEquals(List.of(), hits, "the configured password appears in test output (file:line)");
  }
}
