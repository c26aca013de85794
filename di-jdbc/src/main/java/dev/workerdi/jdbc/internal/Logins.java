package dev.workerdi.jdbc.internal;

import dev.workerdi.jdbc.JdbcSettings;
import java.util.Properties;

/**
 * The driver login of a connection the library opens itself, outside HikariCP (the boot-time budget
 * check, the control connections of cancels): the settings' user and password. Stateless and
 * thread-safe. Not a supported API.
 */
public final class Logins {
  private Logins() {}

  /** {@code user} and {@code password} from {@code settings}, where set, added to {@code base}. */
  public static Properties of(JdbcSettings settings, Properties base) {
    Properties login = new Properties();
    login.putAll(base);
    if (settings.username() != null) {
      login.setProperty("user", settings.username());
    }
    if (settings.password() != null) {
      login.setProperty("password", settings.password());
    }
    return login;
  }
}
