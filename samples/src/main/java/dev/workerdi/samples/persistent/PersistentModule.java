package dev.workerdi.samples.persistent;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import dev.workerdi.core.WorkerScoped;
import dev.workerdi.samples.SampleDatabase;
import java.sql.SQLException;

/**
 * Binds the persistent-style connection: one raw connection per worker, opened on first use in the
 * worker and closed when the worker stops; and the sample's database, for the
 * connection-per-request style. Immutable and thread-safe.
 */
final class PersistentModule extends AbstractModule {
  private final SampleDatabase db;

  PersistentModule(SampleDatabase db) {
    this.db = db;
  }

  @Provides
  @WorkerScoped
  PersistentConnection persistent() throws SQLException {
    return new PersistentConnection(db.connect("persistent_demo"));
  }

  @Override
  protected void configure() {
    bind(SampleDatabase.class).toInstance(db);
  }
}
