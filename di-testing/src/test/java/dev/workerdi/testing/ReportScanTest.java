package dev.workerdi.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scan every module's {@code SecretsInReportsTest} relies on finds a planted password and
 * reports it by file and line. The password is assembled at run time, so this source file and its
 * own report do not hold it as one string.
 */
class ReportScanTest {

  @Test
  void theScanFindsAPlantedPassword(@TempDir Path dir) throws IOException {
    Files.writeString(
        dir.resolve("x-output.txt"),
        "a\nlogin with " + new StringBuilder(Secrets.PASSWORD) + " here\n");
    assertEquals(
        List.of(dir.resolve("x-output.txt") + ":2"),
        ReportScan.scan(List.of(dir), Secrets.PASSWORD));
  }
}
