package dev.workerdi.samples.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import dev.workerdi.jdbc.testing.ReportScan;
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

  @Test
  void theScanFindsAPlantedPassword(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("x-output.txt"), "a\nlogin with " + new StringBuilder(Secrets.PASSWORD) + " here\n");
    assertEquals(List.of(dir.resolve("x-output.txt") + ":2"), ReportScan.scan(List.of(dir), Secrets.PASSWORD));
  }

  @Test
  void noReportOfAnyModuleContainsThePassword() throws IOException {
    List<Path> directories = ReportScan.reportDirectories();
    long files = 0;
    long bytes = 0;
    List<String> evidence = new ArrayList<>();
    for (Path directory : directories) {
      for (Path file : ReportScan.files(directory)) {
        files++;
        bytes += file.toFile().length();
        if (file.getFileName().toString().contains(".reliability.") && file.toString().endsWith("-output.txt")) {
          evidence.add(file.getFileName().toString());
        }
      }
    }
    List<String> hits = ReportScan.scan(directories, Secrets.PASSWORD);
    System.out.println("SECRETS: scanned " + files + " report files (" + bytes / 1024 + " KiB) of " + directories.size()
        + " modules, among them the output of " + evidence.size() + " reliability test classes that log in with the"
        + " password: " + hits.size() + " line(s) with the password " + hits);
    assertTrue(files > 0, "no surefire reports under " + directories);
    assertEquals(List.of(), hits, "the configured password appears in test output (file:line)");
  }
}
