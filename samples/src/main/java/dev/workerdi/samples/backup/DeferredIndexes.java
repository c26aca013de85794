package dev.workerdi.samples.backup;

import dev.workerdi.jdbc.FanOut;
import dev.workerdi.lifecycle.WorkerHost;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Secondary indexes built after the load: a table is created without its plain (non-unique,
 * non-fulltext, non-spatial) {@code KEY}s, and once its rows are in, one {@code ALTER TABLE} adds
 * the ones that are missing, in their original order (InnoDB then builds each index by sorting
 * instead of inserting every row into it). Not done when the schema has a foreign key (which may
 * need such an index). Adding only what is missing makes it safe to repeat after a crash.
 * Stateless.
 */
final class DeferredIndexes {
  private static final Pattern KEY_LINE = Pattern.compile("^\\s*KEY\\s+(`(?:[^`]|``)+`)\\s*\\(.*$");

  private DeferredIndexes() {}

  /** Whether indexes may be deferred for the tables of these {@code CREATE TABLE} statements. */
  static boolean allowed(List<String> createSqls) {
    return createSqls.stream()
        .noneMatch(sql -> sql.toUpperCase(Locale.ROOT).contains("FOREIGN KEY"));
  }

  /**
   * The {@code CREATE TABLE} to run for a table of {@code chunks} chunks: without its plain keys
   * when the schema {@code allowed} it and the table has more than one chunk (for one chunk, an
   * {@code ALTER TABLE} after the load costs more than the keys built while loading).
   */
  static String forCreation(String createSql, boolean allowed, long chunks) {
    return allowed && chunks > 1 ? strip(createSql) : createSql;
  }

  /**
   * {@code createSql} without its plain {@code KEY} lines; a system-versioned table keeps them (the
   * server refuses an {@code ALTER TABLE} of one while {@code system_versioning_alter_history} is
   * {@code ERROR}, its default).
   */
  static String strip(String createSql) {
    if (Table.versioned(createSql)) {
      return createSql;
    }
    List<String> kept = new ArrayList<>();
    List<String> lines = List.of(createSql.split("\n", -1));
    for (String line : lines) {
      if (!KEY_LINE.matcher(withoutComma(line)).matches()) {
        kept.add(line);
      }
    }
    for (int i = 0; i < kept.size() - 1; i++) {
      if (kept.get(i + 1).startsWith(")") && kept.get(i).endsWith(",")) {
        kept.set(i, kept.get(i).substring(0, kept.get(i).length() - 1));
      }
    }
    return String.join("\n", kept);
  }

  /**
   * The plain {@code KEY} definitions of {@code createSql}, in order, without the trailing comma.
   */
  static List<String> keys(String createSql) {
    List<String> keys = new ArrayList<>();
    for (String line : createSql.split("\n")) {
      if (KEY_LINE.matcher(withoutComma(line)).matches()) {
        keys.add(withoutComma(line).strip());
      }
    }
    return keys;
  }

  /**
   * Adds the plain keys of {@code createSql} that {@code table} lacks on the target; returns how
   * many.
   */
  static int addMissing(Connection target, String table, String createSql) throws SQLException {
    Set<String> present = new HashSet<>();
    try (PreparedStatement s =
        target.prepareStatement(
            "SELECT DISTINCT INDEX_NAME FROM information_schema.STATISTICS"
                + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?")) {
      s.setString(1, table);
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          present.add(rows.getString(1));
        }
      }
    }
    List<String> missing = new ArrayList<>();
    for (String key : keys(createSql)) {
      Matcher m = KEY_LINE.matcher(key);
      if (m.matches()) {
        String quoted = m.group(1);
        if (!present.contains(quoted.substring(1, quoted.length() - 1).replace("``", "`"))) {
          missing.add("ADD " + key);
        }
      }
    }
    if (!missing.isEmpty()) {
      Jdbc.execute(target, "ALTER TABLE " + Jdbc.q(table) + " " + String.join(", ", missing));
    }
    return missing.size();
  }

  /**
   * Adds the missing plain keys of every table ({@code name -> CREATE TABLE}), the tables at once
   * through the target's {@link FanOut}, in a coroutine of worker 0; returns the indexes added.
   */
  static int build(WorkerHost host, Map<String, String> tables) {
    List<FanOut.Task<Integer>> tasks = new ArrayList<>();
    tables.forEach((name, createSql) -> tasks.add(c -> addMissing(c, name, createSql)));
    SideFanOut target = SideFanOut.target(host);
    List<Integer> added =
        host.submit(0, () -> target.<Integer>run(tasks, Duration.ofHours(12))).join();
    return added.stream().mapToInt(Integer::intValue).sum();
  }

  private static String withoutComma(String line) {
    return line.endsWith(",") ? line.substring(0, line.length() - 1) : line;
  }
}
