package dev.workerdi.jdbc.reliability;

import dev.workerdi.testing.OutputTap;
import dev.workerdi.testing.Secrets;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Secrets, after the fact: scans every file surefire wrote for every module of this checkout
 * ({@code * /target/surefire-reports/*}: the {@code -output.txt} files with everything the tests
 * and the library printed and logged, the {@code .txt} summaries, the XML reports) for {@link
 * Secrets#PASSWORD}, and reports hits by file and line, never the text.
 *
 * <p>It sees what was written before it runs: every report of the modules built before this one,
 * and those of the test classes of this module that ran earlier (surefire's order). The rest of
 * this module is covered as it happens by {@link OutputTap} (every class that logs in fails itself
 * when the password goes through {@code System.out}/{@code System.err}), and by the same scan in
 * the samples module, which is built after this one.
 */
@ExtendWith(Secrets.class)
class SecretsInReportsTest {

  @Test
  void noReportOfAnyModuleContainsThePassword() throws IOException {
    System.out.println("SECRETS: " + Secrets.assertNoReportContainsThePassword());
  }
}
