package dev.workerdi.samples.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The {@code objects/NNN.properties} files of a backup directory: one per view, routine, trigger or
 * event, in creation order, with its statement and session. Stateless.
 */
final class ObjectFiles {
  private ObjectFiles() {}

  /** Writes the views (dependency order), routines, triggers, then events of {@code schema}. */
  static void write(Path dir, Schema schema) throws IOException {
    List<SchemaObject> all = new ArrayList<>(TargetObjects.inDependencyOrder(schema.views()));
    all.addAll(schema.routines());
    all.addAll(schema.triggers());
    all.addAll(schema.events());
    for (int i = 0; i < all.size(); i++) {
      SchemaObject o = all.get(i);
      Properties p = new Properties();
      p.setProperty("kind", o.kind());
      p.setProperty("name", o.name());
      p.setProperty("createSql", o.createSql());
      p.setProperty("characterSetClient", o.characterSetClient());
      p.setProperty("collationConnection", o.collationConnection());
      if (o.sqlMode() != null) {
        p.setProperty("sqlMode", o.sqlMode());
      }
      if (o.timeZone() != null) {
        p.setProperty("timeZone", o.timeZone());
      }
      DumpFiles.write(dir.resolve("objects").resolve(String.format("%05d.properties", i)), p);
    }
  }

  /** Every object, in the order written. */
  static List<SchemaObject> read(Path dir) throws IOException {
    Path objects = dir.resolve("objects");
    if (!Files.isDirectory(objects)) {
      return List.of();
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(objects)) {
      files =
          list.filter(f -> f.getFileName().toString().endsWith(".properties")).sorted().toList();
    }
    List<SchemaObject> all = new ArrayList<>();
    for (Path file : files) {
      Properties p = DumpFiles.read(file);
      all.add(
          new SchemaObject(
              p.getProperty("kind"),
              p.getProperty("name"),
              p.getProperty("createSql"),
              p.getProperty("sqlMode"),
              p.getProperty("timeZone"),
              p.getProperty("characterSetClient"),
              p.getProperty("collationConnection")));
    }
    return all;
  }

  static List<SchemaObject> ofKind(List<SchemaObject> all, String... kinds) {
    List<String> wanted = List.of(kinds);
    return all.stream().filter(o -> wanted.contains(o.kind())).toList();
  }
}
