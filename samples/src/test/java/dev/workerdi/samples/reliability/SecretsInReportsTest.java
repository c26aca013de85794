package dev.workerdi.samples.reliability;

import dev.workerdi.testing.Secrets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import dev.workerdi.testing.ReportScan;
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
    System.out.println("SECRETS: " + Secrets.assertNoReportContainsThePassword());
  }
}
