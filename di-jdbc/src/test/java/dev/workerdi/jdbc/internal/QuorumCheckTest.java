package dev.workerdi.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.mysql.cj.jdbc.JdbcConnection;
import dev.workerdi.testing.FreshDatabase;
import dev.workerdi.testing.RealDatabase;
import java.sql.Connection;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The borrow-time quorum check off a cluster: a single-host URL has none, and a server without a
 * wsrep provider (a MariaDB built with wsrep reports {@code wsrep_cluster_status = Disconnected}
 * and {@code wsrep_ready = OFF} there) is not taken for a node outside quorum.
 */
@RealDatabase
class QuorumCheckTest {
  @Test
  void onlyAMultiHostUrlHasACheck() {
    assertNull(QuorumCheck.forPool("p", "jdbc:mysql://db.example:3306/shop"));
    assertNotNull(QuorumCheck.forPool("p", "jdbc:mysql://n1:3306,n2:3306/shop"));
  }

  @Test
  void aServerWithoutAWsrepProviderIsNoClusterNodeAndPassesTheCheck(FreshDatabase db)
      throws Exception {
    try (Connection c = db.connect()) {
      assertEquals(Optional.empty(), ClusterStatus.read(c));
      QuorumCheck check = QuorumCheck.forPool("p", "jdbc:mysql://n1:3306,n2:3306/shop");
      JdbcConnection physical = c.unwrap(JdbcConnection.class);
      for (int i = 0; i < 3; i++) {
        assertDoesNotThrow(() -> check.verify(c, physical));
      }
    }
  }
}
