package dev.workerdi.samples.reliability;

import dev.workerdi.testing.Secrets;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Secrets, after the whole run of the library: samples is built after di-core, di-lifecycle and
 * di-jdbc, so their surefire reports are complete when this runs. It scans every file of every
 * module's {@code target/surefire-reports} (the {@code -output.txt} files with all the tests and
 * the library printed and logged, the summaries, the XML reports) for {@link Secrets#PASSWORD} and
 * reports hits as file:line, never the text. This module's own classes that ran later are covered
 * by the {@link Secrets} tap.
 */
@ExtendWith(Secrets.class)
class SecretsInReportsTest {

  @Test
  void noReportOfAnyModuleContainsThePassword() throws IOException {
    System.out.println("SECRETS: " + Secrets.assertNoReportContainsThePassword());
  }
}
