package dev.workerdi.samples.backup;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * A MariaDB sequence ({@code CREATE SEQUENCE}) and its state: recreated on the target before the
 * tables (a column's {@code DEFAULT NEXTVAL(s)} needs it), then set with {@code SETVAL} so that the
 * target's next value is the source's, as {@code mariadb-dump} does. A sequence is not
 * transactional, so no snapshot holds its state: it is read again once the rows are copied ({@link
 * #reread}), when it is past every value the copied rows drew before the snapshot (read earlier,
 * the copy's next value could be one of theirs); values the source had cached or drew since are
 * skipped, as after a server restart. Immutable.
 *
 * @param name the sequence's name
 * @param createSql its {@code SHOW CREATE SEQUENCE}
 * @param next the next value it hands out ({@code next_not_cached_value})
 * @param round how many times it has cycled ({@code cycle_count})
 */
record Sequence(String name, String createSql, long next, long round) {

  private static final String DRAWS = "(?i)\\b(nextval|lastval)\\(";

  /**
   * {@code createTable} with the sequences of {@code database} it draws from ({@code SHOW CREATE
   * TABLE} prints {@code nextval(`db`.`s`)}) named without the database, so that the copy draws
   * from the copy's sequences, not from the source's (or from a database the target server lacks).
   * A sequence of another database keeps its name.
   */
  static String ownNamesUnqualified(String createTable, String database) {
    return createTable.replaceAll(DRAWS + Pattern.quote(Jdbc.q(database) + "."), "$1(");
  }

  /** Reads sequence {@code name} of the connection's default database. */
  static Sequence read(Connection source, String name) throws SQLException {
    return withState(source, name, SourceSchema.showCreate(source, "SEQUENCE", name, 2));
  }

  /**
   * Sequence {@code name} as {@code createSql} defines it, with its state on {@code connection}.
   */
  private static Sequence withState(Connection connection, String name, String createSql)
      throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet row =
            s.executeQuery("SELECT next_not_cached_value, cycle_count FROM " + Jdbc.q(name))) {
      if (!row.next()) {
        throw new IllegalStateException("The sequence " + name + " has no state row");
      }
      return new Sequence(name, createSql, row.getLong(1), row.getLong(2));
    }
  }

  /**
   * (Re)creates the sequence on {@code target}, whose default database is the copy, sets it to this
   * state and reads it back.
   *
   * @throws IllegalStateException if the target's sequence does not then have this state
   */
  void create(Connection target) throws SQLException {
    Jdbc.execute(target, "DROP SEQUENCE IF EXISTS " + Jdbc.q(name));
    Jdbc.execute(target, createSql);
    setOn(target);
  }

  /**
   * {@code sequences} with the state the source has now: read once the rows are copied (see the
   * class comment).
   */
  static List<Sequence> reread(Connection source, List<Sequence> sequences) throws SQLException {
    List<Sequence> now = new ArrayList<>();
    for (Sequence sequence : sequences) {
      now.add(withState(source, sequence.name, sequence.createSql));
    }
    return now;
  }

  /**
   * Sets this state on the target's sequence (already there) and reads it back.
   *
   * @throws IllegalStateException if the target's sequence does not then have this state
   */
  void setOn(Connection target) throws SQLException {
    Jdbc.execute(target, "SELECT SETVAL(" + Jdbc.q(name) + ", " + next + ", 0, " + round + ")");
    Sequence copy = withState(target, name, createSql);
    if (copy.next != next || copy.round != round) {
      throw new IllegalStateException(
          "The sequence "
              + name
              + " was set on the target to "
              + copy.state()
              + " where the source has "
              + state());
    }
  }

  private String state() {
    return "next value " + next + (round == 0 ? "" : " in round " + round);
  }

  /** The sequences as properties (for a backup directory). */
  static Properties toProperties(List<Sequence> sequences) {
    Properties p = new Properties();
    p.setProperty("count", Integer.toString(sequences.size()));
    for (int i = 0; i < sequences.size(); i++) {
      Sequence s = sequences.get(i);
      p.setProperty(i + ".name", s.name);
      p.setProperty(i + ".createSql", s.createSql);
      p.setProperty(i + ".next", Long.toString(s.next));
      p.setProperty(i + ".round", Long.toString(s.round));
    }
    return p;
  }

  /** The sequences {@link #toProperties} wrote. */
  static List<Sequence> fromProperties(Properties p) {
    List<Sequence> sequences = new ArrayList<>();
    for (int i = 0; i < Integer.parseInt(p.getProperty("count", "0")); i++) {
      sequences.add(
          new Sequence(
              p.getProperty(i + ".name"),
              p.getProperty(i + ".createSql"),
              Long.parseLong(p.getProperty(i + ".next")),
              Long.parseLong(p.getProperty(i + ".round"))));
    }
    return sequences;
  }
}
