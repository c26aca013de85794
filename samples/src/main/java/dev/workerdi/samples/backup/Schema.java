package dev.workerdi.samples.backup;

import java.util.List;

/**
 * What the source database holds and the backup recreates: base tables (created first, then
 * filled), views and triggers (created after the data), and what is skipped with a reason.
 *
 * @param database the source database
 * @param charset its default character set
 * @param collation its default collation
 * @param tables the base tables, by name
 * @param views the views, by name (ordered by dependency when created)
 * @param triggers the triggers, in firing order per table
 * @param skipped objects not copied, each with the reason
 */
record Schema(String database, String charset, String collation, List<Table> tables, List<View> views,
    List<Trigger> triggers, List<String> skipped) {

  Schema {
    tables = List.copyOf(tables);
    views = List.copyOf(views);
    triggers = List.copyOf(triggers);
    skipped = List.copyOf(skipped);
  }

  /** A view and its {@code SHOW CREATE VIEW} statement. */
  record View(String name, String createSql) {}

  /** A trigger, its {@code SHOW CREATE TRIGGER} statement and the sql_mode it was created under. */
  record Trigger(String name, String table, String sqlMode, String createSql) {}
}
