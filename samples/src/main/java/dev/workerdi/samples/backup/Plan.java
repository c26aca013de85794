package dev.workerdi.samples.backup;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The work of one run: every chunk of every table (done ones included, from an earlier run), and
 * the servers' versions, which decide how to verify.
 *
 * @param schema the source's structure
 * @param chunks every chunk, table by table
 * @param sourceVersion {@code VERSION()} of the source server
 * @param targetVersion {@code VERSION()} of the target server
 * @param resumed whether an interrupted run's checkpoints were found
 */
record Plan(
    Schema schema,
    List<Chunk> chunks,
    String sourceVersion,
    String targetVersion,
    boolean resumed) {

  Plan {
    chunks = List.copyOf(chunks);
  }

  /**
   * The chunks still to copy: streams of tables without a key first (each is one long task), then
   * the ranges of tables with secondary keys to add once they are copied (so that building them
   * overlaps the copy of the others), then the biggest tables' ranges, so that the coroutines
   * finish at about the same time.
   */
  List<Chunk> todo() {
    Map<String, Long> size =
        chunks.stream()
            .collect(
                Collectors.groupingBy(
                    c -> c.table().name(), Collectors.summingLong(Chunk::plannedRows)));
    Map<String, Boolean> noKeysToAdd = new HashMap<>();
    schema
        .tables()
        .forEach(t -> noKeysToAdd.put(t.name(), DeferredIndexes.keys(t.createSql()).isEmpty()));
    return chunks.stream()
        .filter(c -> !c.done())
        .sorted(
            Comparator.comparing((Chunk c) -> c.table().keyed())
                .thenComparing(c -> noKeysToAdd.getOrDefault(c.table().name(), true))
                .thenComparing(c -> -size.get(c.table().name()))
                .thenComparing(c -> c.table().name())
                .thenComparingInt(Chunk::number))
        .toList();
  }

  /** This plan with {@code copied} (done chunks of this run) in place of their planned selves. */
  Plan withCopied(List<Chunk> copied) {
    Map<String, Chunk> done = new HashMap<>();
    copied.forEach(c -> done.put(c.toString(), c));
    return new Plan(
        schema,
        chunks.stream().map(c -> done.getOrDefault(c.toString(), c)).toList(),
        sourceVersion,
        targetVersion,
        resumed);
  }

  /** The distinct snapshots the done chunks were read in, in order of first appearance. */
  List<String> snapshots() {
    return chunks.stream()
        .filter(Chunk::done)
        .map(Chunk::snapshot)
        .filter(Objects::nonNull)
        .distinct()
        .toList();
  }

  long totalRows() {
    return chunks.stream().mapToLong(c -> c.done() ? c.copiedRows() : c.plannedRows()).sum();
  }

  long doneRows() {
    return chunks.stream().filter(Chunk::done).mapToLong(Chunk::copiedRows).sum();
  }

  int doneChunks() {
    return (int) chunks.stream().filter(Chunk::done).count();
  }

  List<Chunk> chunksOf(Table table) {
    return chunks.stream().filter(c -> c.table().name().equals(table.name())).toList();
  }
}
