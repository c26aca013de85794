package dev.workerdi.jdbc.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.mysql.cj.jdbc.JdbcConnection;
import dev.workerdi.jdbc.ResetPolicy;
import dev.workerdi.jdbc.internal.SessionCleaner.Outcome;
import dev.workerdi.jdbc.support.Sql;
import dev.workerdi.testing.FreshDatabase;
import dev.workerdi.testing.RealDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Read-only switched on behind HikariCP's back (on the driver's connection, as a failover with
 * {@code failOverReadOnly=true} or code holding an unwrapped connection does) is switched back off
 * by the reset: the next lease of the same connection can write.
 */
@RealDatabase
class ReadOnlyBackOffTest {
  @BeforeAll
  static void table(FreshDatabase db) throws Exception {
    try (var c = db.connect()) {
      Sql.exec(c, "CREATE TABLE written (id INT PRIMARY KEY AUTO_INCREMENT)");
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = ResetPolicy.class,
      names = {"TRACKED", "ALWAYS"})
  void theNextLeaseCanWrite(ResetPolicy policy, FreshDatabase db) throws Exception {
    try (CleanedPool pool = CleanedPool.open(db, policy, 1)) {
      Outcome dirtied =
          pool.lease(
                  c -> {
                    c.unwrap(JdbcConnection.class).setReadOnly(true);
                    Sql.exec(c, "SET @forces_a_reset = 1");
                    return null;
                  })
              .outcome();
      assertEquals(Outcome.RESET, dirtied);
      pool.lease(
          c -> {
            assertFalse(c.isReadOnly(), "the connection stayed read-only");
            assertFalse(
                c.unwrap(JdbcConnection.class).isReadOnly(false),
                "the driver still thinks it is read-only");
            Sql.exec(c, "INSERT INTO written VALUES ()");
            return null;
          });
    }
  }
}
