package dev.workerdi.testing;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A new, empty database that {@link TestDatabase} made for one test class: every parameter of this
 * type in the class (constructor, lifecycle and test methods) gets the same one, and another test
 * class gets another one. {@code toString} never shows the password. Immutable and thread-safe.
 */
public final class FreshDatabase {
  private final DatabaseServer server;
  private final String name;

  FreshDatabase(DatabaseServer server, String name) {
    this.server = server;
    this.name = name;
  }

  /** The database (schema) name, unique on its server. */
  public String name() {
    return name;
  }

  /** The JDBC URL with this database as the default. */
  public String jdbcUrl() {
    return server.jdbcUrl(name);
  }

  /** The user name to log in with. */
  public String user() {
    return server.user();
  }

  /** The password of {@link #user()}. */
  public String password() {
    return server.password();
  }

  /** The server it lives on. */
  public DatabaseServer server() {
    return server;
  }

  /** A new connection with this database as the default; the caller closes it. */
  public Connection connect() throws SQLException {
    return server.connect(name);
  }

  @Override
  public String toString() {
    return "FreshDatabase[" + name + " on " + server + "]";
  }
}
