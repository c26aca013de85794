package dev.workerdi.jdbc.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.jdbc.JdbcSettings;
import dev.workerdi.jdbc.internal.ClusterDefaults;
import dev.workerdi.jdbc.internal.HostList;
import dev.workerdi.testing.Golden;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Multi-host URLs: sequential failover is supported with write-safe driver defaults and the hosts
 * rotated per worker; loadbalance:, replication: and failOverReadOnly=true are refused with the
 * fix.
 */
class MultiHostUrlTest {
  private static final String NODES = "jdbc:mysql://n1.db:3306,n2.db:3306,n3.db:3306/shop";

  private static JdbcSettings settings(String url, Object... extra) {
    Map<String, Object> map =
        new java.util.LinkedHashMap<>(
            Map.of("jdbcUrl", url, "username", "app", "password", "s3cret-pw"));
    for (int i = 0; i < extra.length; i += 2) {
      map.put((String) extra[i], extra[i + 1]);
    }
    return JdbcSettings.fromMap(map);
  }

  private static DiException refused(String golden, String url, Object... extra) {
    DiException error = assertThrows(DiException.class, () -> settings(url, extra));
    assertEquals(ErrorId.BAD_SETTINGS, error.id());
    Golden.assertMatches("jdbc/" + golden, error.getMessage());
    return error;
  }

  @Test
  void loadBalanceAndReplicationAreRefusedWithTheFix() {
    refused(
        "multihost_loadbalance_refused",
        "jdbc:mysql:loadbalance://n1.db,n2.db/shop?password=s3cret-pw");
    refused("multihost_replication_refused", "jdbc:mysql:replication://n1.db,n2.db/shop");
  }

  @Test
  void failOverReadOnlyTrueIsRefusedForSeveralHostsOnly() {
    refused("multihost_fail_over_read_only_refused", NODES + "?failOverReadOnly=true");
    refused(
        "multihost_fail_over_read_only_property_refused",
        NODES,
        "dataSource.failOverReadOnly",
        "true");
    settings(
        "jdbc:mysql://n1.db:3306/shop?failOverReadOnly=true"); // one host: the option does nothing
    settings(NODES + "?failOverReadOnly=false");
  }

  @Test
  void eachWorkerGetsTheHostsRotatedAndWriteSafeDefaults() {
    JdbcSettings settings =
        settings(NODES + "?connectTimeout=500", "workerdi.application", "shop-api");
    for (int worker = 0; worker < 4; worker++) {
      HikariConfig config = settings.hikariConfig("worker-" + worker);
      ClusterDefaults.apply(config, settings, worker);
      List<String> hosts = HostList.parse(config.getJdbcUrl()).hosts();
      assertEquals("n" + (worker % 3 + 1) + ".db:3306", hosts.get(0), config.getJdbcUrl());
      assertEquals(3, hosts.size());
      assertTrue(config.getJdbcUrl().endsWith("/shop?connectTimeout=500"), config.getJdbcUrl());
      Properties driver = config.getDataSourceProperties();
      assertEquals("false", driver.get("failOverReadOnly"));
      assertEquals("2", driver.get("retriesAllDown"));
      assertEquals(
          null, driver.get("connectTimeout"), "the URL's own connectTimeout was overridden");
      String attributes = String.valueOf(driver.get("connectionAttributes"));
      assertTrue(
          attributes.contains(
              "program_name:shop-api,workerdi_instance:"
                  + settings.instanceId()
                  + ",workerdi_pool:db-worker-"
                  + worker
                  + ",workerdi_max:"
                  + 8),
          attributes);
    }
  }

  @Test
  void oneHostGetsNoFailoverDefaults() {
    JdbcSettings settings = settings("jdbc:mysql://n1.db:3306/shop");
    HikariConfig config = settings.hikariConfig("worker-1");
    ClusterDefaults.apply(config, settings, 1);
    assertEquals("jdbc:mysql://n1.db:3306/shop", config.getJdbcUrl());
    assertEquals(null, config.getDataSourceProperties().get("failOverReadOnly"));
  }

  @Test
  void hostListsInEveryConnectorJForm() {
    assertEquals(
        List.of("address=(host=a)(port=1)", "address=(host=b)(port=2)"),
        HostList.parse("jdbc:mysql://address=(host=a)(port=1),address=(host=b)(port=2)/db?x=1")
            .hosts());
    assertEquals(List.of("a:1", "b:2"), HostList.parse("jdbc:mysql://[a:1,b:2]/db").hosts());
    assertEquals(
        "jdbc:mysql://b:2/db?x=1", HostList.parse("jdbc:mysql://a:1,b:2/db?x=1").single(1));
    assertEquals("jdbc:mysql://b:2,a:1?x=1", HostList.parse("jdbc:mysql://a:1,b:2?x=1").rotated(1));
  }

  @Test
  void wsrepSyncWaitIsAMaskUpToFifteen() {
    assertEquals(1, settings(NODES, "workerdi.wsrepSyncWait", 1).wsrepSyncWait());
    refused("settings_wsrep_sync_wait_out_of_range", NODES, "workerdi.wsrepSyncWait", 16);
  }
}
