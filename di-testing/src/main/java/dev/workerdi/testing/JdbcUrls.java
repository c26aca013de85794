package dev.workerdi.testing;

import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/** Splits and redacts user-supplied JDBC URLs. Stateless and thread-safe. */
final class JdbcUrls {
  private static final Pattern SECRET_OPTION = Pattern.compile("(?i)((?:password|pwd)\\d*=)[^&;]*");

  private JdbcUrls() {}

  /**
   * Turns {@code jdbc:mysql://host:port/[database][?options]} into a function from database name to
   * the same URL with that database; the options are kept.
   */
  static UnaryOperator<String> withDatabase(String url) {
    int hosts = url.indexOf("//");
    if (!url.startsWith("jdbc:") || hosts < 0) {
      throw new IllegalArgumentException(
          "Expected a JDBC URL like jdbc:mysql://host:3306/[database]"
              + "[?options], got "
              + redact(url));
    }
    int end = hosts + 2;
    while (end < url.length() && url.charAt(end) != '/' && url.charAt(end) != '?') {
      end++;
    }
    String head = url.substring(0, end);
    int query = url.indexOf('?', end);
    String options = query < 0 ? "" : url.substring(query);
    return database -> head + "/" + database + options;
  }

  /** The URL with the values of password options replaced by {@code ******}. */
  static String redact(String url) {
    return url == null ? "null" : SECRET_OPTION.matcher(url).replaceAll("$1******");
  }
}
