package dev.workerdi.samples.backup;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;

/**
 * How one kind of column travels from source to target without losing a bit: what to select, how to
 * write it into the multi-row {@code INSERT}, how to hash it for verification, and whether it can
 * be part of a keyset. Values travel as the server's own text (numbers, dates, times in the pinned
 * time zone), as bytes (binary strings), as exact doubles ({@code FLOAT}s are widened, never
 * printed with 6 digits), as integers ({@code BIT}) or as WKB plus SRID (spatial). Stateless.
 */
enum ColumnKind {
  TEXT,
  ENUMERATED,
  NUMBER,
  FLOATING,
  TEMPORAL,
  BIT,
  BINARY,
  SPATIAL,
  OTHER;

  private static final Set<String> NUMBERS =
      Set.of("tinyint", "smallint", "mediumint", "int", "integer", "bigint", "decimal", "numeric");
  private static final Set<String> TEMPORALS =
      Set.of("date", "time", "datetime", "timestamp", "year");
  private static final Set<String> BINARIES =
      Set.of("binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob");
  private static final Set<String> SPATIALS =
      Set.of(
          "geometry",
          "point",
          "linestring",
          "polygon",
          "multipoint",
          "multilinestring",
          "multipolygon",
          "geometrycollection",
          "geomcollection");
  private static final Set<String> TEXTS =
      Set.of("char", "varchar", "tinytext", "text", "mediumtext", "longtext", "json");

  /** The kind of an {@code information_schema.COLUMNS.DATA_TYPE}. */
  static ColumnKind of(String dataType) {
    String type = dataType.toLowerCase(Locale.ROOT);
    if (NUMBERS.contains(type)) {
      return NUMBER;
    } else if (type.equals("float") || type.equals("double") || type.equals("real")) {
      return FLOATING;
    } else if (TEMPORALS.contains(type)) {
      return TEMPORAL;
    } else if (type.equals("bit")) {
      return BIT;
    } else if (BINARIES.contains(type)) {
      return BINARY;
    } else if (SPATIALS.contains(type)) {
      return SPATIAL;
    } else if (type.equals("enum") || type.equals("set")) {
      return ENUMERATED;
    }
    return TEXTS.contains(type) ? TEXT : OTHER;
  }

  /** The select-list expression(s) for column {@code c} (already quoted). */
  String select(String c) {
    return switch (this) {
      case FLOATING -> "(" + c + " + 0e0)";
      case TEMPORAL -> "CAST(" + c + " AS CHAR)";
      case BIT -> "(" + c + " + 0)";
      case SPATIAL -> "ST_AsWKB(" + c + "), ST_SRID(" + c + ")";
      default -> c;
    };
  }

  /** How many result columns {@link #select} produces. */
  int width() {
    return this == SPATIAL ? 2 : 1;
  }

  /** A deterministic text of column {@code c} for the SQL row hash (NULLs are recorded apart). */
  String hash(String c) {
    return switch (this) {
      case NUMBER -> c;
      case FLOATING, TEMPORAL, BIT -> select(c);
      case SPATIAL -> "CONCAT(ST_SRID(" + c + "), ':', HEX(ST_AsWKB(" + c + ")))";
      case TEXT, ENUMERATED, BINARY -> "CONCAT(LENGTH(" + c + "), ':', CAST(" + c + " AS BINARY))";
      default -> "HEX(" + c + ")";
    };
  }

  /** Whether keyset pagination can order and compare by a column of this kind consistently. */
  boolean keyable() {
    return this == TEXT
        || this == NUMBER
        || this == FLOATING
        || this == TEMPORAL
        || this == BIT
        || this == BINARY;
  }

  /**
   * Appends the value of the current row at result column {@code in} to {@code sql} as a SQL
   * literal: numbers as they are, strings quoted and escaped, bytes in hex, spatial values as
   * {@code ST_GeomFromWKB(X'..', srid)}.
   */
  void appendLiteral(ResultSet row, int in, StringBuilder sql) throws SQLException {
    switch (this) {
      case BINARY -> Literals.bytes(row.getBytes(in), sql);
      case SPATIAL -> {
        byte[] wkb = row.getBytes(in);
        if (wkb == null) {
          sql.append("NULL");
        } else {
          Literals.bytes(wkb, sql.append("ST_GeomFromWKB("));
          sql.append(", ").append(Long.parseLong(row.getString(in + 1))).append(')');
        }
      }
      case NUMBER, FLOATING, BIT -> Literals.number(row.getString(in), sql);
      default -> Literals.string(row.getString(in), sql);
    }
  }

  /**
   * A key value as read by keyset queries: bytes for binary strings, the server's text otherwise.
   */
  Object readKey(ResultSet row, int in) throws SQLException {
    return this == BINARY ? row.getBytes(in) : row.getString(in);
  }

  /** Binds a key value so the server compares it in the column's own type. */
  void bindKey(PreparedStatement statement, int index, Object value) throws SQLException {
    switch (this) {
      case BINARY -> statement.setBytes(index, (byte[]) value);
      case NUMBER, BIT -> statement.setBigDecimal(index, new BigDecimal((String) value));
      case FLOATING -> statement.setDouble(index, Double.parseDouble((String) value));
      default -> statement.setString(index, (String) value);
    }
  }
}
