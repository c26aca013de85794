package dev.workerdi.samples.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The order a {@link ChunkQueue} hands chunks out in: a table per coroutine while there are free
 * tables, consecutive chunks of one table per coroutine, the longest run split when none is free,
 * and every chunk exactly once, also under contention.
 */
class ChunkQueueTest {
  private static List<Chunk> plan(int... chunksPerTable) {
    List<Chunk> chunks = new ArrayList<>();
    for (int t = 0; t < chunksPerTable.length; t++) {
      Table table =
          new Table("t" + t, "CREATE TABLE t" + t + " (id INT)", List.of(), List.of(), "");
      for (int n = 0; n < chunksPerTable[t]; n++) {
        chunks.add(Chunk.planned(table, n, null, null, 10));
      }
    }
    return chunks;
  }

  private static String name(Chunk chunk) {
    return chunk == null ? null : chunk.table().name() + "#" + chunk.number();
  }

  @Test
  void eachCoroutineWalksItsOwnTableInOrderWhileThereAreFreeTables() {
    ChunkQueue queue = new ChunkQueue(plan(3, 5, 2));
    ChunkQueue.Cursor a = queue.cursor();
    ChunkQueue.Cursor b = queue.cursor();
    ChunkQueue.Cursor c = queue.cursor();
    assertEquals("t0#0", name(a.next())); // free tables in plan order
    assertEquals("t1#0", name(b.next()));
    assertEquals("t2#0", name(c.next()));
    assertEquals("t0#1", name(a.next()));
    assertEquals("t1#1", name(b.next()));
    assertEquals("t2#1", name(c.next()));
    assertEquals(4, queue.size());
  }

  @Test
  void withNoFreeTableTheLongestRunIsSplitInHalves() {
    ChunkQueue queue = new ChunkQueue(plan(8, 1));
    ChunkQueue.Cursor a = queue.cursor();
    ChunkQueue.Cursor b = queue.cursor();
    assertEquals("t0#0", name(a.next()));
    assertEquals("t1#0", name(b.next()));
    // t0 has 1..7 left: b takes the second half, from 4, and walks it in order
    assertEquals("t0#4", name(b.next()));
    assertEquals("t0#1", name(a.next()));
    assertEquals("t0#5", name(b.next()));
    assertEquals("t0#2", name(a.next()));
    assertEquals("t0#6", name(b.next()));
    assertEquals("t0#3", name(a.next()));
    assertEquals("t0#7", name(b.next()));
    assertNull(a.next()); // nothing left anywhere
    assertNull(b.next());
    assertTrue(queue.isEmpty());
  }

  @Test
  void oneCoroutineTakesTheChunksInPlanOrder() {
    List<Chunk> plan = plan(2, 3, 1);
    ChunkQueue.Cursor only = new ChunkQueue(plan).cursor();
    for (Chunk planned : plan) {
      assertEquals(name(planned), name(only.next()));
    }
    assertNull(only.next());
  }

  @Test
  void theLastChunkOfAnotherRunIsTakenWhole() {
    ChunkQueue queue = new ChunkQueue(plan(2));
    ChunkQueue.Cursor a = queue.cursor();
    ChunkQueue.Cursor b = queue.cursor();
    assertEquals("t0#0", name(a.next()));
    assertEquals("t0#1", name(b.next()));
    assertNull(a.next());
    assertNull(b.next());
  }

  @Test
  void everyChunkIsHandedOutExactlyOnceUnderContention() throws Exception {
    List<Chunk> plan = plan(37, 1, 250, 3, 0, 64, 9);
    ChunkQueue queue = new ChunkQueue(plan);
    Set<String> seen = ConcurrentHashMap.newKeySet();
    List<String> duplicates = new ArrayList<>();
    int coroutines = 32;
    CountDownLatch start = new CountDownLatch(1);
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<List<Chunk>>> walks = new ArrayList<>();
      for (int i = 0; i < coroutines; i++) {
        walks.add(
            pool.submit(
                () -> {
                  ChunkQueue.Cursor cursor = queue.cursor();
                  List<Chunk> mine = new ArrayList<>();
                  start.await();
                  for (Chunk chunk; (chunk = cursor.next()) != null; ) {
                    mine.add(chunk);
                    Thread.yield();
                  }
                  return mine;
                }));
      }
      start.countDown();
      for (Future<List<Chunk>> walk : walks) {
        List<Chunk> mine = walk.get();
        for (int i = 0; i < mine.size(); i++) {
          if (!seen.add(name(mine.get(i)))) {
            duplicates.add(name(mine.get(i)));
          }
        }
      }
    }
    assertEquals(List.of(), duplicates);
    Set<String> planned = new HashSet<>();
    plan.forEach(c -> planned.add(name(c)));
    assertEquals(planned, seen);
    assertTrue(queue.isEmpty());
  }
}
