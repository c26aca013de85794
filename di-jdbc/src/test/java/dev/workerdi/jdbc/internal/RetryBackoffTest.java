package dev.workerdi.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workerdi.jdbc.TransactionSpec;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The retry policy's arithmetic and its classification of failures; no timing is asserted. */
class RetryBackoffTest {
  private static final TransactionSpec SPEC =
      TransactionSpec.defaults().retry(10, Duration.ofMillis(10), Duration.ofMillis(100));

  @Test
  void theBoundDoublesPerAttemptUpToTheCap() {
    assertEquals(Duration.ofMillis(10).toNanos(), Retry.bound(SPEC, 1));
    assertEquals(Duration.ofMillis(20).toNanos(), Retry.bound(SPEC, 2));
    assertEquals(Duration.ofMillis(80).toNanos(), Retry.bound(SPEC, 4));
    assertEquals(Duration.ofMillis(100).toNanos(), Retry.bound(SPEC, 5));
    assertEquals(Duration.ofMillis(100).toNanos(), Retry.bound(SPEC, 200), "no overflow");
  }

  @Test
  void waitsAreJitteredWithinTheBound() {
    Random random = new Random(42);
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      long wait = Retry.delay(SPEC, 3, random);
      assertTrue(wait >= 0 && wait <= Retry.bound(SPEC, 3), String.valueOf(wait));
      seen.add(wait);
    }
    assertTrue(
        seen.size() > 900, "full jitter spreads the waits: " + seen.size() + " distinct of 1,000");
    assertEquals(
        0,
        Retry.delay(TransactionSpec.defaults().retry(3, Duration.ZERO, Duration.ZERO), 2, random));
  }

  @Test
  void onlySerializationFailuresAnywhereInTheCauseChainCount() {
    assertTrue(Retry.isSerializationFailure(new SQLException("deadlock", "40001", 1213)));
    assertTrue(Retry.isSerializationFailure(new SQLException("lock wait", "HY000", 1205)));
    assertTrue(
        Retry.isSerializationFailure(
            new SQLTransactionRollbackException("certification", "40001", 1644)));
    assertTrue(
        Retry.isSerializationFailure(
            new IllegalStateException(
                "wrapped", new RuntimeException(new SQLException("deadlock", "40001", 1213)))));
    assertFalse(Retry.isSerializationFailure(new SQLException("duplicate", "23000", 1062)));
    assertFalse(Retry.isSerializationFailure(new IllegalStateException("no SQL at all")));
  }
}
