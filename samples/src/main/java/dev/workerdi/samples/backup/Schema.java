package dev.workerdi.samples.backup;

import java.util.List;

/**
 * What the source database holds and the backup recreates: sequences (created first: a column's
 * default may take its values), base tables (created next, then filled), views, triggers, routines
 * and events (created after the data), and what is skipped with a reason.
 *
 * @param database the source database
 * @param charset its default character set
 * @param collation its default collation
 * @param tables the base tables, by name
 * @param views the views, by name (ordered by dependency when created)
 * @param triggers the triggers, in firing order per table
 * @param routines the stored procedures and functions
 * @param events the events (created last, after the verification, so that none fires before it)
 * @param sequences the sequences (MariaDB), with their state
 * @param skipped objects not copied, each with the reason
 */
record Schema(
    String database,
    String charset,
    String collation,
    List<Table> tables,
    List<SchemaObject> views,
    List<SchemaObject> triggers,
    List<SchemaObject> routines,
    List<SchemaObject> events,
    List<Sequence> sequences,
    List<String> skipped) {

  Schema {
    tables = List.copyOf(tables);
    views = List.copyOf(views);
    triggers = List.copyOf(triggers);
    routines = List.copyOf(routines);
    events = List.copyOf(events);
    sequences = List.copyOf(sequences);
    skipped = List.copyOf(skipped);
  }
}
