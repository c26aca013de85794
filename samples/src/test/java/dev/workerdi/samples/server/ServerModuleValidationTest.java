package dev.workerdi.samples.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workerdi.jdbc.JdbcModule;
import dev.workerdi.jdbc.JdbcSettings;
import dev.workerdi.lifecycle.Validation;
import dev.workerdi.lifecycle.ValidationReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The server's Guice graph, as a user's test suite would check it, passes workerdi's static
 * validation: its singleton handler and routes reach the worker- and coroutine-bound bindings only
 * through providers.
 */
class ServerModuleValidationTest {
  private static final JdbcSettings SETTINGS =
      JdbcSettings.fromMap(
          Map.of(
              "jdbcUrl",
              "jdbc:mysql://127.0.0.1:3306/unused",
              "username",
              "u",
              "password",
              "p",
              "maximumPoolSize",
              4));

  @Test
  void theServersSingletonsHoldProvidersNotLeases() {
    ValidationReport report =
        Validation.validate(List.of(JdbcModule.of(SETTINGS), new ServerModule(false)));
    assertTrue(report.isValid(), report.toString());
  }
}
