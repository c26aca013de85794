package dev.workerdi.jdbc.reliability;

import dev.workerdi.testing.OutputTap;
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
