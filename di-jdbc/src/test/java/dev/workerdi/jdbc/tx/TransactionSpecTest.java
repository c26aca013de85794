package dev.workerdi.jdbc.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.Guice;
import dev.workerdi.core.Di;
import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.jdbc.Isolation;
import dev.workerdi.jdbc.JdbcModule;
import dev.workerdi.jdbc.JdbcSettings;
import dev.workerdi.jdbc.Propagation;
import dev.workerdi.jdbc.TransactionSpec;
import dev.workerdi.jdbc.Transactions;
import dev.workerdi.jdbc.support.Messages;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The programmatic spec: derived values, and every bad argument refused with its golden message.
 */
class TransactionSpecTest {

  @Test
  void derivingKeepsEveryOtherChoice() {
    TransactionSpec spec =
        TransactionSpec.defaults()
            .readOnly(true)
            .isolation(Isolation.READ_COMMITTED)
            .rollbackOn(IOException.class)
            .retry(3, Duration.ofMillis(5), Duration.ofMillis(50))
            .propagation(Propagation.REQUIRES_NEW);
    assertEquals(
        "TransactionSpec[read-only, isolation READ_COMMITTED, REQUIRES_NEW, rollbackOn [IOException], "
            + "noRollbackOn [], attempts 3]",
        spec.toString());
    assertEquals(Duration.ofMillis(5), spec.backoff());
    assertEquals(Duration.ofMillis(50), spec.maxBackoff());
    assertEquals(1, TransactionSpec.defaults().maxAttempts());
  }

  @Test
  void badArgumentsAreRefused() {
    assertGolden("spec_zero_attempts", () -> TransactionSpec.defaults().retry(0));
    assertGolden(
        "spec_backoff_above_max",
        () -> TransactionSpec.defaults().retry(3, Duration.ofSeconds(2), Duration.ofSeconds(1)));
    assertGolden("spec_null_isolation", () -> TransactionSpec.defaults().isolation(null));
    assertGolden(
        "spec_both_ways",
        () ->
            TransactionSpec.defaults()
                .rollbackOn(IOException.class)
                .noRollbackOn(IOException.class));
    Transactions transactions =
        Guice.createInjector(
                Di.create().module(),
                JdbcModule.of(
                    JdbcSettings.fromMap(
                        Map.of(
                            "jdbcUrl", "jdbc:mysql://127.0.0.1:1/nowhere", "workerdi.reserve", 0))))
            .getInstance(Transactions.class);
    assertGolden(
        "spec_null_work", () -> transactions.inTransaction(TransactionSpec.defaults(), null));
  }

  private static void assertGolden(String name, org.junit.jupiter.api.function.Executable call) {
    DiException error = assertThrows(DiException.class, call);
    assertEquals(ErrorId.BAD_ARGUMENT, error.id());
    Messages.assertGolden("tx", name, error, null);
  }
}
