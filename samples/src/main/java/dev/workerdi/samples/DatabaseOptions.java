package dev.workerdi.samples;

import dev.workerdi.core.Secret;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The picocli mixin every sample shares for its database: {@code --url}, {@code --user} and the
 * password, which comes from the environment variable {@value #PASSWORD_ENV} or from an interactive
 * prompt ({@code --password} given without a value), so that it need not be on the command line. A
 * value after {@code --password} is still accepted, for scripts that have no other way. Not
 * thread-safe; picocli fills it in once.
 */
public final class DatabaseOptions {
  /** The environment variable the password is read from when no {@code --password} is given. */
  public static final String PASSWORD_ENV = "WORKERDI_SAMPLES_PASSWORD";

  @Spec(Spec.Target.MIXEE)
  private CommandSpec spec;

  @Option(
      names = "--url",
      paramLabel = "JDBC_URL",
      description =
          "MySQL/MariaDB server, e.g. jdbc:mysql://127.0.0.1:3306/ "
              + "(default: an embedded MariaDB 11.4 started for the run and stopped at the end)")
  private String url;

  @Option(
      names = "--user",
      paramLabel = "USER",
      defaultValue = "root",
      description = "user on the --url server (default: ${DEFAULT-VALUE})")
  private String user;

  @Option(
      names = "--password",
      paramLabel = "PASSWORD",
      arity = "0..1",
      interactive = true,
      prompt = "Database password: ",
      description =
          "--password alone prompts for it; without the option, $"
              + PASSWORD_ENV
              + " or empty. A value written here is visible to other users of the machine")
  private char[] password;

  /** The embedded server, or the {@code --url} server after one successful connection. */
  public SampleDatabase open() {
    if (url == null) {
      return SampleDatabase.embedded();
    }
    if (!url.startsWith("jdbc:mysql://") && !url.startsWith("jdbc:mariadb://")) {
      throw new ParameterException(
          spec.commandLine(),
          "--url must be a MySQL/MariaDB JDBC URL such as jdbc:mysql://127.0.0.1:3306/, not "
              + shown(url));
    }
    return SampleDatabase.remote(url, user, password());
  }

  /** The {@code --url}, or null for an embedded server. */
  public String url() {
    return url;
  }

  /** The {@code --user}. */
  public String user() {
    return user;
  }

  /** The password: from {@code --password} (given or typed), else the environment, else empty. */
  public String password() {
    if (password != null) {
      return new String(password);
    }
    String fromEnvironment = System.getenv(PASSWORD_ENV);
    return fromEnvironment == null ? "" : fromEnvironment;
  }

  private static String shown(String text) {
    return "'" + Secret.maskUrl(text) + "'";
  }
}
