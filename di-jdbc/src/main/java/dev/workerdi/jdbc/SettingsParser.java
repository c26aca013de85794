package dev.workerdi.jdbc;

import com.zaxxer.hikari.HikariConfig;
import dev.workerdi.core.spi.Redactor;
import dev.workerdi.core.spi.Spelling;
import dev.workerdi.jdbc.internal.JdbcErrors;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Parses and checks {@link JdbcSettings} values, failing with the property's name. Stateless. */
final class SettingsParser {
  /** HikariCP's numeric properties, checked here so that a bad one is named in the error. */
  private static final java.util.List<String> NUMBERS =
      java.util.List.of(
          "connectionTimeout",
          "idleTimeout",
          "maxLifetime",
          "validationTimeout",
          "leakDetectionThreshold",
          "minimumIdle",
          "initializationFailTimeout",
          "keepaliveTime");

  /** This library's own properties, each prefixed {@code workerdi.}. */
  static final List<String> LIBRARY_PROPERTIES =
      List.of(
          "workerdi.resetPolicy",
          "workerdi.warmUp",
          "workerdi.instances",
          "workerdi.reserve",
          "workerdi.leakStacks",
          "workerdi.application",
          "workerdi.instanceId",
          "workerdi.wsrepSyncWait");

  /** HikariCP's property names: its configuration's setters. */
  private static final Set<String> HIKARI_PROPERTIES =
      Arrays.stream(HikariConfig.class.getMethods())
          .filter(
              method ->
                  method.getName().startsWith("set")
                      && method.getName().length() > 3
                      && method.getParameterCount() == 1)
          .map(
              method ->
                  Character.toLowerCase(method.getName().charAt(3)) + method.getName().substring(4))
          .collect(Collectors.toUnmodifiableSet());

  private SettingsParser() {}

  /**
   * Rejects a property neither HikariCP nor this library knows, naming the close valid one: a
   * misspelt {@code maxPoolSize} would otherwise be ignored or reported by HikariCP without a hint.
   * Driver properties go under {@code dataSource.}.
   */
  static void checkNames(Map<String, String> all) {
    for (Map.Entry<String, String> entry : all.entrySet()) {
      String name = entry.getKey();
      boolean known =
          name.startsWith("workerdi.")
              ? LIBRARY_PROPERTIES.contains(name)
              : name.startsWith("dataSource.") || HIKARI_PROPERTIES.contains(name);
      if (!known) {
        throw JdbcErrors.unknownSetting(
            name, entry.getValue(), suggestion(name), LIBRARY_PROPERTIES);
      }
    }
  }

  private static String suggestion(String name) {
    if (LIBRARY_PROPERTIES.contains("workerdi." + name)) {
      return "workerdi." + name;
    }
    Set<String> all = new TreeSet<>(HIKARI_PROPERTIES);
    all.addAll(LIBRARY_PROPERTIES);
    return Spelling.closest(name, all).orElse(null);
  }

  /**
   * Clean-on-return needs MySQL Connector/J ({@code jdbc:mysql:} URLs, which also serve MariaDB):
   * any other driver fails here, when the settings are made, not at the first lease.
   */
  static void checkUrlForPolicy(String url, ResetPolicy policy) {
    if (policy != ResetPolicy.UNSAFE_NONE
        && !url.startsWith("jdbc:mysql:")
        && !url.startsWith("jdbc:mysql+srv:")) {
      throw JdbcErrors.urlNotServable(Redactor.maskUrl(url), policy.name());
    }
  }

  static ResetPolicy resetPolicy(String value) {
    try {
      return ResetPolicy.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw JdbcErrors.badSettings(
          "workerdi.resetPolicy",
          value,
          "is not a reset policy",
          "Use one of " + Arrays.toString(ResetPolicy.values()) + ".");
    }
  }

  static boolean bool(String name, String value) {
    if ("true".equalsIgnoreCase(value) || "false".equalsIgnoreCase(value)) {
      return Boolean.parseBoolean(value);
    }
    throw JdbcErrors.badSettings(name, value, "is not a boolean", "Use true or false.");
  }

  static int positive(String name, String value) {
    int number = integer(name, value);
    if (number < 1) {
      throw JdbcErrors.badSettings(
          name, value, "must be at least 1", "Use a whole number of 1 or more.");
    }
    return number;
  }

  static int nonNegative(String name, String value) {
    int number = integer(name, value);
    if (number < 0) {
      throw JdbcErrors.badSettings(
          name, value, "must not be negative", "Use a whole number of 0 or more.");
    }
    return number;
  }

  /**
   * A name sent as a connection attribute: letters, digits and {@code _.-@/}, at most 64
   * characters.
   */
  static String name(String name, String value) {
    if (value == null || !value.matches("[A-Za-z0-9_.@/-]{1,64}")) {
      throw JdbcErrors.badSettings(
          name,
          value,
          "is not a short name",
          "Use 1 to 64 letters, digits or _.-@/, such as shop-api.");
    }
    return value;
  }

  /** Galera's {@code wsrep_sync_wait} bitmask, 0 to 15. */
  static int wsrepSyncWait(String value) {
    int number = nonNegative("workerdi.wsrepSyncWait", value);
    if (number > 15) {
      throw JdbcErrors.badSettings(
          "workerdi.wsrepSyncWait",
          value,
          "is not a wsrep_sync_wait mask",
          "Use 0 (off), 1 (reads wait: read-your-writes across nodes) or another mask up to 15.");
    }
    return number;
  }

  private static int integer(String name, String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException | NullPointerException e) {
      throw JdbcErrors.badSettings(
          name, value, "is not a whole number", "Use a whole number such as 8.");
    }
  }

  /** Lets HikariCP check its own properties, without opening anything. */
  static void checkHikari(Map<String, String> hikari) {
    String url = hikari.get("jdbcUrl");
    if (url == null || url.isBlank()) {
      throw JdbcErrors.badSettings(
          "jdbcUrl",
          url,
          "is missing",
          "Set jdbcUrl, e.g. jdbc:mysql://db.local:3306/app (or pass the settings of your server).");
    }
    if (!url.startsWith("jdbc:")) {
      throw JdbcErrors.badSettings(
          "jdbcUrl",
          Redactor.maskUrl(url),
          "is not a JDBC URL",
          "A JDBC URL starts with jdbc:, e.g. jdbc:mysql://db.local:3306/app.");
    }
    positive("maximumPoolSize", hikari.get("maximumPoolSize"));
    for (String number : NUMBERS) {
      String value = hikari.get(number);
      if (value != null) {
        try {
          Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
          throw JdbcErrors.badSettings(
              number,
              value,
              "is not a whole number",
              "Use a whole number"
                  + (number.equals("minimumIdle") ? "" : " of milliseconds, such as 30000")
                  + ".");
        }
      }
    }
    Properties properties = new Properties();
    properties.putAll(hikari);
    try {
      new HikariConfig(properties).validate();
    } catch (RuntimeException e) {
      throw JdbcErrors.badSettings(
          "(HikariCP)",
          null,
          Redactor.maskUrl(String.valueOf(e.getMessage())),
          "Use HikariCP's property names (see HikariConfig) "
              + "with valid values, or prefix this library's own with workerdi.");
    }
  }
}
