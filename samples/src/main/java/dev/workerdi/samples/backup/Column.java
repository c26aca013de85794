package dev.workerdi.samples.backup;

/**
 * One column of a source table, as {@code information_schema.COLUMNS} describes it.
 *
 * @param name the column name
 * @param dataType the data type without length ({@code varchar}, {@code point}, ...)
 * @param kind how its values travel
 * @param generated whether it is a generated (virtual or stored) column, never inserted
 * @param nullable whether it accepts NULL
 */
record Column(String name, String dataType, ColumnKind kind, boolean generated, boolean nullable) {

  String quoted() {
    return Jdbc.q(name);
  }

  String select() {
    return kind.select(quoted());
  }

  /** The column's text in the row hash; JSON as hex (MySQL stores it in binary form). */
  String hash() {
    return dataType.equalsIgnoreCase("json") ? "HEX(" + quoted() + ")" : kind.hash(quoted());
  }
}
