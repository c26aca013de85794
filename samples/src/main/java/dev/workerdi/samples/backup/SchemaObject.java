package dev.workerdi.samples.backup;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A view, trigger, stored procedure, function or event of the source, as its {@code SHOW CREATE}
 * gives it: the statement (with its {@code DEFINER} and {@code SQL SECURITY}) and the session it
 * was created in ({@code sql_mode}, {@code time_zone} for events, {@code character_set_client} and
 * {@code collation_connection}), which the target recreates around the statement.
 *
 * @param kind {@code VIEW}, {@code TRIGGER}, {@code PROCEDURE}, {@code FUNCTION} or {@code EVENT}
 * @param name its name
 * @param createSql the source's {@code CREATE} statement
 * @param sqlMode the sql_mode it was created under, or {@code null} (views)
 * @param timeZone the time_zone of an event, or {@code null}
 * @param characterSetClient its character_set_client
 * @param collationConnection its collation_connection
 */
record SchemaObject(
    String kind,
    String name,
    String createSql,
    String sqlMode,
    String timeZone,
    String characterSetClient,
    String collationConnection) {
  private static final Pattern DEFINER =
      Pattern.compile("\\s+DEFINER\\s*=\\s*(`[^`]*`|'[^']*'|[^\\s@]+)@(`[^`]*`|'[^']*'|[^\\s]+)");

  /** A view without session details (for tests of the ordering). */
  static SchemaObject view(String name, String createSql) {
    return new SchemaObject("VIEW", name, createSql, null, null, "utf8mb4", "utf8mb4_general_ci");
  }

  /** {@code VIEW v}, for messages. */
  String label() {
    return kind.toLowerCase(Locale.ROOT) + " " + name;
  }

  /** The {@code DEFINER} clause's account ({@code `app`@`%`}), or "" when there is none. */
  String definer() {
    Matcher m = DEFINER.matcher(createSql);
    return m.find() ? m.group(1) + "@" + m.group(2) : "";
  }

  /**
   * The statement without its {@code DEFINER} clause (the object then belongs to the creating
   * user).
   */
  String withoutDefiner() {
    return withoutDefiner(createSql);
  }

  static String withoutDefiner(String createSql) {
    return DEFINER.matcher(createSql).replaceFirst("");
  }
}
