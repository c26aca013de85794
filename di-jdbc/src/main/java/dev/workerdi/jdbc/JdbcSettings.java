package dev.workerdi.jdbc;

import com.zaxxer.hikari.HikariConfig;
import dev.workerdi.core.spi.Redactor;
import dev.workerdi.jdbc.internal.ClusterDefaults;
import dev.workerdi.jdbc.internal.JdbcErrors;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The settings of one database: HikariCP's own properties ({@code jdbcUrl}, {@code username},
 * {@code password}, {@code maximumPoolSize}, {@code connectionTimeout}, {@code dataSource.*}, ...)
 * plus this library's, prefixed {@code workerdi.}: {@code resetPolicy} (TRACKED), {@code warmUp}
 * (false), {@code instances} (1: application instances sharing the server), {@code reserve} (10:
 * connections kept free for administrators and other clients), {@code leakStacks} (true), {@code
 * application} (the pool name) and {@code instanceId} (random: how the budget tells this running
 * instance from others), and {@code wsrepSyncWait} (0: Galera's read-your-writes, off). A URL that
 * names several hosts gets the driver defaults of a multi-primary cluster (see the README, "On a
 * Galera cluster"); {@code loadbalance:} and {@code replication:} URLs are refused.
 *
 * <p>Validated when created, without connecting: a bad number or an unknown property fails with
 * {@link dev.workerdi.core.ErrorId#BAD_SETTINGS} naming it (and the close valid name, for a typo
 * such as {@code maxPoolSize}); so does a {@code jdbcUrl} that the reset policy cannot serve (any
 * but {@code jdbc:mysql:}, MySQL Connector/J, unless {@code workerdi.resetPolicy=UNSAFE_NONE}). The
 * password is masked in {@code toString} and in every message. Immutable and thread-safe.
 */
public final class JdbcSettings {
  private static final String PREFIX = "workerdi.";

  private final Map<String, String> hikari;
  private final ResetPolicy resetPolicy;
  private final boolean warmUp;
  private final int instances;
  private final int reserve;
  private final boolean leakStacks;
  private final String application;
  private final String instanceId;
  private final int wsrepSyncWait;

  private JdbcSettings(Map<String, String> all) {
    SettingsParser.checkNames(all);
    Map<String, String> hikari = new TreeMap<>();
    all.forEach(
        (key, value) -> {
          if (!key.startsWith(PREFIX)) {
            hikari.put(key, value);
          }
        });
    hikari.putIfAbsent("poolName", "db");
    hikari.putIfAbsent("maximumPoolSize", "8");
    this.hikari = Map.copyOf(hikari);
    this.resetPolicy =
        SettingsParser.resetPolicy(all.getOrDefault(PREFIX + "resetPolicy", "TRACKED"));
    this.warmUp =
        SettingsParser.bool(PREFIX + "warmUp", all.getOrDefault(PREFIX + "warmUp", "false"));
    this.instances =
        SettingsParser.positive(PREFIX + "instances", all.getOrDefault(PREFIX + "instances", "1"));
    this.reserve =
        SettingsParser.nonNegative(PREFIX + "reserve", all.getOrDefault(PREFIX + "reserve", "10"));
    this.leakStacks =
        SettingsParser.bool(PREFIX + "leakStacks", all.getOrDefault(PREFIX + "leakStacks", "true"));
    SettingsParser.checkHikari(this.hikari);
    SettingsParser.checkUrlForPolicy(jdbcUrl(), resetPolicy);
    ClusterDefaults.check(this.hikari);
    this.application =
        SettingsParser.name(
            PREFIX + "application", all.getOrDefault(PREFIX + "application", defaultApplication()));
    this.instanceId =
        SettingsParser.name(
            PREFIX + "instanceId", all.getOrDefault(PREFIX + "instanceId", newInstanceId()));
    this.wsrepSyncWait =
        SettingsParser.wsrepSyncWait(all.getOrDefault(PREFIX + "wsrepSyncWait", "0"));
  }

  private String defaultApplication() {
    String cleaned = poolName().replaceAll("[^A-Za-z0-9_.@/-]", "_");
    return cleaned.isEmpty() ? "db" : cleaned.substring(0, Math.min(64, cleaned.length()));
  }

  private static String newInstanceId() {
    return Long.toHexString(ProcessHandle.current().pid())
        + "-"
        + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Settings from a map of property names to values (values are turned into strings). */
  public static JdbcSettings fromMap(Map<String, ?> properties) {
    if (properties == null) {
      throw JdbcErrors.badSettings(
          "(none)", null, "the settings map is null", "Pass at least jdbcUrl.");
    }
    Map<String, String> all = new TreeMap<>();
    properties.forEach((key, value) -> all.put(key, value == null ? null : String.valueOf(value)));
    return new JdbcSettings(all);
  }

  /** Settings from {@link Properties}, such as a loaded {@code db.properties} file. */
  public static JdbcSettings fromProperties(Properties properties) {
    Map<String, String> all = new TreeMap<>();
    properties.stringPropertyNames().forEach(name -> all.put(name, properties.getProperty(name)));
    return new JdbcSettings(all);
  }

  /**
   * Settings from system properties named {@code prefix + "." + property}, e.g. {@code db.jdbcUrl}.
   */
  public static JdbcSettings fromSystemProperties(String prefix) {
    Map<String, String> all = new TreeMap<>();
    String start = prefix + ".";
    System.getProperties().stringPropertyNames().stream()
        .filter(name -> name.startsWith(start))
        .forEach(name -> all.put(name.substring(start.length()), System.getProperty(name)));
    return new JdbcSettings(all);
  }

  /** These settings with one property changed. */
  public JdbcSettings with(String property, Object value) {
    Map<String, String> all = new TreeMap<>(hikari);
    all.put(PREFIX + "resetPolicy", resetPolicy.name());
    all.put(PREFIX + "warmUp", String.valueOf(warmUp));
    all.put(PREFIX + "instances", String.valueOf(instances));
    all.put(PREFIX + "reserve", String.valueOf(reserve));
    all.put(PREFIX + "leakStacks", String.valueOf(leakStacks));
    all.put(PREFIX + "application", application);
    all.put(PREFIX + "instanceId", instanceId);
    all.put(PREFIX + "wsrepSyncWait", String.valueOf(wsrepSyncWait));
    all.put(property, String.valueOf(value));
    return new JdbcSettings(all);
  }

  /** A HikariCP configuration for the pool of one worker, named {@code poolName-workerName}. */
  public HikariConfig hikariConfig(String workerName) {
    Properties properties = new Properties();
    properties.putAll(hikari);
    HikariConfig config = new HikariConfig(properties);
    config.setPoolName(poolName() + "-" + workerName);
    return config;
  }

  public String jdbcUrl() {
    return hikari.get("jdbcUrl");
  }

  public String username() {
    return hikari.get("username");
  }

  /** The password, for code that opens connections itself; never print it. */
  public String password() {
    return hikari.get("password");
  }

  public String poolName() {
    return hikari.get("poolName");
  }

  public int maximumPoolSize() {
    return Integer.parseInt(hikari.get("maximumPoolSize"));
  }

  /**
   * How long a borrower waits for a connection (HikariCP's {@code connectionTimeout}, default 30
   * s).
   */
  public Duration connectionTimeout() {
    return Duration.ofMillis(Long.parseLong(hikari.getOrDefault("connectionTimeout", "30000")));
  }

  public ResetPolicy resetPolicy() {
    return resetPolicy;
  }

  public boolean warmUp() {
    return warmUp;
  }

  public int instances() {
    return instances;
  }

  public int reserve() {
    return reserve;
  }

  public boolean leakStacks() {
    return leakStacks;
  }

  /**
   * The application's name on the server ({@code workerdi.application}, default the pool name):
   * sent as the connection attribute {@code program_name}, by which the budget recognises the
   * connections of other running instances of the same application.
   */
  public String application() {
    return application;
  }

  /**
   * This instance's id among the application's running instances ({@code workerdi.instanceId},
   * default the process id and a random part, new for each settings object created from a map or
   * properties, kept by {@link #with}).
   */
  public String instanceId() {
    return instanceId;
  }

  /**
   * Galera's {@code wsrep_sync_wait} for every lease ({@code workerdi.wsrepSyncWait}, default 0:
   * off); 1 makes each read wait until the node has applied every write the cluster committed
   * before it (read-your-writes across nodes), at the cost of a round trip to the cluster per read
   * plus the wait for what the node has not applied yet.
   */
  public int wsrepSyncWait() {
    return wsrepSyncWait;
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("JdbcSettings[");
    hikari.forEach(
        (key, value) ->
            out.append(key)
                .append('=')
                .append(Redactor.value(key, value).replace("\"", ""))
                .append(", "));
    return out.append("resetPolicy=")
        .append(resetPolicy)
        .append(", warmUp=")
        .append(warmUp)
        .append(", instances=")
        .append(instances)
        .append(", reserve=")
        .append(reserve)
        .append(", application=")
        .append(application)
        .append(", wsrepSyncWait=")
        .append(wsrepSyncWait)
        .append(']')
        .toString();
  }
}
