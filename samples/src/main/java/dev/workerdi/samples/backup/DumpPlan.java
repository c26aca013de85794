package dev.workerdi.samples.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The {@code plan} file of a backup directory: what was backed up (source, database, character set,
 * server version) and every chunk (table, number, key range as hex, planned rows), one
 * tab-separated line each, so that an interrupted backup resumes with the same chunks and a restore
 * loads them. Stateless.
 *
 * @param database the source database
 * @param charset its default character set
 * @param collation its default collation
 * @param sourceVersion the source server's version
 * @param tables the table names, in order
 * @param lines the chunk lines: table, number, lo, hi, planned rows ({@code -} for an open bound)
 */
record DumpPlan(
    String database,
    String charset,
    String collation,
    String sourceVersion,
    List<String> tables,
    List<String[]> lines) {

  static DumpPlan of(Schema schema, String sourceVersion, List<Chunk> chunks) {
    List<String[]> lines = new ArrayList<>();
    for (Chunk c : chunks) {
      Keyset keyset = new Keyset(c.table().key());
      lines.add(
          new String[] {
            c.table().name(),
            Integer.toString(c.number()),
            bound(keyset.encode(c.lo())),
            bound(keyset.encode(c.hi())),
            Long.toString(c.plannedRows())
          });
    }
    return new DumpPlan(
        schema.database(),
        schema.charset(),
        schema.collation(),
        sourceVersion,
        schema.tables().stream().map(Table::name).toList(),
        lines);
  }

  private static String bound(String encoded) {
    return encoded == null ? "-" : encoded;
  }

  void write(Path dir) throws IOException {
    Properties header = new Properties();
    header.setProperty("database", database);
    header.setProperty("charset", charset);
    header.setProperty("collation", collation);
    header.setProperty("sourceVersion", sourceVersion);
    header.setProperty("tables", Integer.toString(tables.size()));
    for (int i = 0; i < tables.size(); i++) {
      header.setProperty("table." + i, tables.get(i));
    }
    DumpFiles.write(dir.resolve(DumpFiles.PLAN + ".header"), header);
    StringBuilder text = new StringBuilder();
    for (String[] line : lines) {
      text.append(DumpFiles.fileName(line[0]))
          .append('\t')
          .append(String.join("\t", List.of(line).subList(1, 5)))
          .append('\n');
    }
    DumpFiles.write(dir.resolve(DumpFiles.PLAN), text.toString());
  }

  static boolean exists(Path dir) {
    return Files.exists(dir.resolve(DumpFiles.PLAN))
        && Files.exists(dir.resolve(DumpFiles.PLAN + ".header"));
  }

  static DumpPlan read(Path dir) throws IOException {
    Properties header = DumpFiles.read(dir.resolve(DumpFiles.PLAN + ".header"));
    List<String> tables = new ArrayList<>();
    for (int i = 0; i < Integer.parseInt(header.getProperty("tables")); i++) {
      tables.add(header.getProperty("table." + i));
    }
    Map<String, String> byFileName = new HashMap<>();
    tables.forEach(t -> byFileName.put(DumpFiles.fileName(t), t));
    List<String[]> lines = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve(DumpFiles.PLAN), StandardCharsets.UTF_8)) {
      String[] parts = line.split("\t", -1);
      parts[0] = byFileName.get(parts[0]);
      lines.add(parts);
    }
    return new DumpPlan(
        header.getProperty("database"),
        header.getProperty("charset"),
        header.getProperty("collation"),
        header.getProperty("sourceVersion"),
        tables,
        lines);
  }

  /**
   * The chunks, on {@code tables} (by name: the source's when backing up, the restored target's
   * when restoring), each done with its digest when its {@code .done} file exists in {@code dir}.
   */
  List<Chunk> chunks(Path dir, Map<String, Table> tables) throws IOException {
    List<Chunk> chunks = new ArrayList<>();
    for (String[] line : lines) {
      Table table = tables.get(line[0]);
      if (table == null) {
        throw new IllegalStateException(
            "The backup's plan names the table " + line[0] + ", which is not there");
      }
      Keyset keyset = new Keyset(table.key());
      Chunk chunk =
          Chunk.planned(
              table,
              Integer.parseInt(line[1]),
              keyset.decode(open(line[2])),
              keyset.decode(open(line[3])),
              Long.parseLong(line[4]));
      Path done = DumpFiles.doneFile(dir, chunk);
      chunks.add(
          Files.exists(done) ? ChunkFileWriter.doneChunk(chunk, DumpFiles.read(done)) : chunk);
    }
    return chunks;
  }

  private static String open(String bound) {
    return bound.equals("-") ? null : bound;
  }
}
