package dev.workerdi.jdbc;

import com.zaxxer.hikari.HikariConfig;
import dev.workerdi.core.internal.Redactor;
import dev.workerdi.jdbc.internal.JdbcErrors;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;

/** Parses and checks {@link JdbcSettings} values, failing with the property's name. Stateless. */
final class SettingsParser {
  /** HikariCP's numeric properties, checked here so that a bad one is named in the error. */
  private static final java.util.List<String> NUMBERS = java.util.List.of("connectionTimeout", "idleTimeout",
      "maxLifetime", "validationTimeout", "leakDetectionThreshold", "minimumIdle", "initializationFailTimeout",
      "keepaliveTime");

  private SettingsParser() {}

  static ResetPolicy resetPolicy(String value) {
    try {
      return ResetPolicy.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw JdbcErrors.badSettings("workerdi.resetPolicy", value, "is not a reset policy",
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
      throw JdbcErrors.badSettings(name, value, "must be at least 1", "Use a whole number of 1 or more.");
    }
    return number;
  }

  static int nonNegative(String name, String value) {
    int number = integer(name, value);
    if (number < 0) {
      throw JdbcErrors.badSettings(name, value, "must not be negative", "Use a whole number of 0 or more.");
    }
    return number;
  }

  /** A name sent as a connection attribute: letters, digits and {@code _.-@/}, at most 64 characters. */
  static String name(String name, String value) {
    if (value == null || !value.matches("[A-Za-z0-9_.@/-]{1,64}")) {
      throw JdbcErrors.badSettings(name, value, "is not a short name",
          "Use 1 to 64 letters, digits or _.-@/, such as shop-api.");
    }
    return value;
  }

  /** Galera's {@code wsrep_sync_wait} bitmask, 0 to 15. */
  static int wsrepSyncWait(String value) {
    int number = nonNegative("workerdi.wsrepSyncWait", value);
    if (number > 15) {
      throw JdbcErrors.badSettings("workerdi.wsrepSyncWait", value, "is not a wsrep_sync_wait mask",
          "Use 0 (off), 1 (reads wait: read-your-writes across nodes) or another mask up to 15.");
    }
    return number;
  }

  private static int integer(String name, String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException | NullPointerException e) {
      throw JdbcErrors.badSettings(name, value, "is not a whole number", "Use a whole number such as 8.");
    }
  }

  /** Lets HikariCP check its own properties, without opening anything. */
  static void checkHikari(Map<String, String> hikari) {
    String url = hikari.get("jdbcUrl");
    if (url == null || url.isBlank()) {
      throw JdbcErrors.badSettings("jdbcUrl", url, "is missing",
          "Set jdbcUrl, e.g. jdbc:mysql://db.local:3306/app (or pass the settings of your server).");
    }
    if (!url.startsWith("jdbc:")) {
      throw JdbcErrors.badSettings("jdbcUrl", Redactor.maskUrl(url), "is not a JDBC URL",
          "A JDBC URL starts with jdbc:, e.g. jdbc:mysql://db.local:3306/app.");
    }
    positive("maximumPoolSize", hikari.get("maximumPoolSize"));
    for (String number : NUMBERS) {
      String value = hikari.get(number);
      if (value != null) {
        try {
          Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
          throw JdbcErrors.badSettings(number, value, "is not a whole number",
              "Use a whole number" + (number.equals("minimumIdle") ? "" : " of milliseconds, such as 30000") + ".");
        }
      }
    }
    Properties properties = new Properties();
    properties.putAll(hikari);
    try {
      new HikariConfig(properties).validate();
    } catch (RuntimeException e) {
      throw JdbcErrors.badSettings("(HikariCP)", null, Redactor.maskUrl(String.valueOf(e.getMessage())),
          "Use HikariCP's property names (see HikariConfig) "
              + "with valid values, or prefix this library's own with workerdi.");
    }
  }
}
