package dev.workerdi.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Scans the files surefire wrote ({@code target/surefire-reports} of every module of a checkout)
 * for a secret, byte for byte whatever their encoding, and reports hits as {@code file:line}, never
 * the text: the after-the-fact proof that no log, message or {@code toString} printed a password.
 * Stateless and thread-safe.
 */
public final class ReportScan {
  private ReportScan() {}

  /**
   * {@code file:line} of every line that contains {@code secret}, in the files of the directories.
   */
  public static List<String> scan(List<Path> reportDirectories, String secret) throws IOException {
    String needle =
        new String(secret.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    List<String> hits = new ArrayList<>();
    for (Path directory : reportDirectories) {
      for (Path file : files(directory)) {
        List<String> lines;
        try {
          lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException replaced) {
          continue; // surefire replaced it meanwhile; a later scan sees its final version
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

  /**
   * The files of a report directory (flat; a file surefire replaces meanwhile is simply not
   * listed).
   */
  public static List<Path> files(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.filter(Files::isRegularFile).sorted().toList();
    }
  }

  /** The surefire report directories of every module next to the current one that has one. */
  public static List<Path> reportDirectories() throws IOException {
    Path root = Path.of("").toAbsolutePath().getParent();
    try (Stream<Path> modules = Files.list(root)) {
      return modules
          .map(module -> module.resolve("target/surefire-reports"))
          .filter(Files::isDirectory)
          .sorted()
          .toList();
    }
  }
}
