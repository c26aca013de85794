package dev.workerdi.samples.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The work before the workers start, on one-off connections (the pools' URLs name the target
 * database, which may not exist yet): checks that the source database exists and creates the
 * target database with the source's character set and collation, after dropping it for a fresh
 * run. Stateless.
 */
final class TargetDatabase {
  private TargetDatabase() {}

  static void prepare(BackupOptions options) {
    try {
      String[] charset = sourceCharset(options);
      try (Connection target = Jdbc.connect(Jdbc.withDatabase(options.targetUrl, ""), options.targetUser,
          options.targetPassword)) {
        if (options.fresh) {
          Jdbc.execute(target, "DROP DATABASE IF EXISTS " + Jdbc.q(options.targetDatabase));
        }
        Jdbc.execute(target, "CREATE DATABASE IF NOT EXISTS " + Jdbc.q(options.targetDatabase) + " CHARACTER SET "
            + charset[0] + " COLLATE " + charset[1]);
      }
    } catch (SQLException e) {
      throw new BackupException("Cannot prepare the backup of " + options.describeSource() + " into "
          + options.describeTarget(), new SQLException(Jdbc.mask(e.getMessage(), options.sourcePassword,
              options.targetPassword), e.getSQLState(), e.getErrorCode()));
    }
  }

  private static String[] sourceCharset(BackupOptions options) throws SQLException {
    try (Connection source = Jdbc.connect(Jdbc.withDatabase(options.sourceUrl, ""), options.sourceUser,
        options.sourcePassword); PreparedStatement query = source.prepareStatement("SELECT DEFAULT_CHARACTER_SET_NAME,"
        + " DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?")) {
      query.setString(1, options.sourceDatabase);
      try (ResultSet rows = query.executeQuery()) {
        if (!rows.next()) {
          throw new BackupException("The source database " + options.describeSource() + " does not exist", null);
        }
        return new String[] {rows.getString(1), rows.getString(2)};
      }
    }
  }
}
