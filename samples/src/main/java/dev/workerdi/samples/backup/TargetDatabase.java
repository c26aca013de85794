package dev.workerdi.samples.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The work before the workers start, on one-off connections (the pools' URLs name the target
 * database, which may not exist yet): checks that the source database exists and creates the target
 * database with the source's character set and collation, after dropping it for a fresh run.
 * Stateless.
 */
final class TargetDatabase {
  private TargetDatabase() {}

  static void prepare(BackupOptions options) {
    String[] charset = sourceCharset(options);
    Endpoint target = options.target();
    try (Connection connection = target.connect("")) {
      if (options.fresh) {
        Jdbc.execute(connection, "DROP DATABASE IF EXISTS " + Jdbc.q(options.targetDatabase));
      }
      Jdbc.execute(
          connection,
          "CREATE DATABASE IF NOT EXISTS "
              + Jdbc.q(options.targetDatabase)
              + " CHARACTER SET "
              + charset[0]
              + " COLLATE "
              + charset[1]);
    } catch (SQLException e) {
      throw new BackupException(
          "Cannot create the target database " + options.describeTarget(), target.masked(e));
    }
  }

  private static String[] sourceCharset(BackupOptions options) {
    Endpoint source = options.source();
    try (Connection connection = source.connect("");
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA"
                    + " WHERE SCHEMA_NAME = ?")) {
      query.setString(1, options.sourceDatabase);
      try (ResultSet rows = query.executeQuery()) {
        if (!rows.next()) {
          throw new BackupException(
              "The source database " + options.describeSource() + " does not exist", null);
        }
        return new String[] {rows.getString(1), rows.getString(2)};
      }
    } catch (SQLException e) {
      throw new BackupException(
          "Cannot read the source database " + options.describeSource(), source.masked(e));
    }
  }
}
