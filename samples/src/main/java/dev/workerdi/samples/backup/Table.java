package dev.workerdi.samples.backup;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One base table of the source: its DDL ({@code SHOW CREATE TABLE}), its columns and the key that
 * splits it into ranges (the primary key, else a unique key on NOT NULL columns; empty when there
 * is none, and then the table is copied as one stream).
 *
 * @param name the table name
 * @param createSql the source's {@code CREATE TABLE} statement
 * @param columns every column, in order
 * @param key the key columns, in index order; empty for none
 * @param keyName the index the key comes from ({@code PRIMARY}, a unique index, or "")
 */
record Table(
    String name, String createSql, List<Column> columns, List<Column> key, String keyName) {

  private static final Pattern INNODB =
      Pattern.compile("\\)\\s*ENGINE\\s*=\\s*InnoDB\\b", Pattern.CASE_INSENSITIVE);

  private static final Pattern VERSIONED =
      Pattern.compile("\\)\\s*ENGINE\\s*=.*\\bWITH SYSTEM VERSIONING\\b", Pattern.DOTALL);

  Table {
    columns = List.copyOf(columns);
    key = List.copyOf(key);
  }

  /**
   * Whether the table is InnoDB, whose rows a rollback removes and a snapshot keeps still (not so
   * for MyISAM, Aria or MEMORY tables).
   */
  boolean transactional() {
    return INNODB.matcher(createSql).find();
  }

  /**
   * Whether the table is system-versioned (MariaDB {@code WITH SYSTEM VERSIONING}): its current
   * rows are copied, its history is not, and the copy's rows start their history at the copy (so
   * its {@code CHECKSUM TABLE}, which covers the hidden row start and end, never equals the
   * source's).
   */
  boolean versioned() {
    return versioned(createSql);
  }

  /** Whether {@code createSql} ({@code SHOW CREATE TABLE}) creates a system-versioned table. */
  static boolean versioned(String createSql) {
    return VERSIONED.matcher(createSql).find();
  }

  boolean keyed() {
    return !key.isEmpty();
  }

  /** The columns that are copied: every column but the generated ones. */
  List<Column> copied() {
    return columns.stream().filter(c -> !c.generated()).toList();
  }

  String quoted() {
    return Jdbc.q(name);
  }

  /** {@code SELECT <copied columns> FROM t}, without a WHERE clause. */
  String select() {
    return select("");
  }

  /** {@code SELECT <copied columns><extra> FROM t}: {@code extra} is "" or starts with a comma. */
  String select(String extra) {
    return "SELECT "
        + copied().stream().map(Column::select).collect(Collectors.joining(", "))
        + extra
        + " FROM "
        + quoted();
  }

  /** How many result columns {@link #select()} has (spatial values take two). */
  int selectWidth() {
    return copied().stream().mapToInt(c -> c.kind().width()).sum();
  }

  /** {@code INSERT INTO t (<copied columns>) VALUES }, the head of a multi-row insert. */
  String insertHead() {
    return "INSERT INTO "
        + quoted()
        + " ("
        + copied().stream().map(Column::quoted).collect(Collectors.joining(", "))
        + ") VALUES ";
  }

  /** How the table is split, for reports: {@code PRIMARY(a, b)} or {@code no key: one stream}. */
  String describeKey() {
    return keyed()
        ? keyName + "(" + key.stream().map(Column::name).collect(Collectors.joining(", ")) + ")"
        : "no usable key: one stream";
  }
}
