package dev.workerdi.benchmarks.figures;

import com.google.inject.Key;
import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;
import com.zaxxer.hikari.HikariDataSource;
import dev.workerdi.benchmarks.Hosts;
import dev.workerdi.benchmarks.report.FigureResult;
import dev.workerdi.benchmarks.report.Plots;
import dev.workerdi.benchmarks.report.Row;
import dev.workerdi.benchmarks.report.Spread;
import dev.workerdi.benchmarks.report.Target;
import dev.workerdi.jdbc.JdbcModule;
import dev.workerdi.jdbc.ResetPolicy;
import dev.workerdi.jdbc.WorkerPool;
import dev.workerdi.lifecycle.WorkerHost;
import jakarta.inject.Provider;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;
import java.util.function.ToDoubleFunction;

/**
 * Figure 6: many concurrent requests, each a short primary-key query on its own connection, at 16,
 * 1,000 and 10,000 requests in flight. The product: one coroutine per request across 2 workers with
 * pools of 8; the baseline: one HikariCP pool of 16 and 16 platform threads; the diagnostic: the
 * same HikariCP pool with one virtual thread per request. Each side keeps the same number of
 * requests in flight (a semaphore) until all are done. Per side: the JVM's CPU time per request,
 * throughput with the server and the client sharing the cores and pinned to separate ones ({@link
 * CoreSplit}), and the time to get a connection; also JFR pinning events, leases left, heap per
 * waiting request, and the throughput plot against the number of requests in flight.
 */
public final class Scale implements Figure {
  static final String PLOT = "throughput.svg";
  private static final int ROWS = 10_000;
  private static final String QUERY = "SELECT name, qty FROM items WHERE id = ?";
  private static final int WORKERS = 2;
  private static final int POOL = 8;
  private static final int THREADS = WORKERS * POOL;
  // the sides, in this order
  private static final int PRODUCT = 0;
  private static final int PLAIN_PLATFORM = 1;
  private static final int PLAIN_VIRTUAL = 2;
  private static final int UNSAFE = 3;
  private static final int UNPINNED = 0;
  private static final int PINNED = 1;
  private static final String OURS = "coroutines, " + WORKERS + " workers × pool of " + POOL;
  private static final String PLATFORM =
      "HikariCP pool of " + THREADS + " + " + THREADS + " platform threads";
  private static final String VIRTUAL = "HikariCP on one virtual thread per request";
  private static final OperatingSystemMXBean CPU =
      ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
  private static final ThreadMXBean ALLOCATION =
      ManagementFactory.getPlatformMXBean(ThreadMXBean.class);

  @Override
  public String id() {
    return "6";
  }

  @Override
  public String title() {
    return "Scale: 16 to 10,000 concurrent coroutines";
  }

  /**
   * Runs {@code total} requests with {@code concurrency} in flight; returns requests per second.
   */
  interface Load {
    double run(int total, int concurrency) throws Exception;
  }

  @Override
  public void run(BenchContext context, FigureResult out) throws Exception {
    String db = context.server().createDatabase("scale");
    fill(context, db);
    WorkerHost host =
        Hosts.start(
            WORKERS,
            JdbcModule.of(
                Hosts.settings(context.server(), db, "scale", POOL, ResetPolicy.TRACKED)));
    WorkerHost unsafeHost =
        Hosts.start(
            WORKERS,
            JdbcModule.of(
                Hosts.settings(context.server(), db, "unsafe", POOL, ResetPolicy.UNSAFE_NONE)));
    ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    ExecutorService virtualThreads = Executors.newVirtualThreadPerTaskExecutor();
    CoreSplit split = null;
    String noSplit = "";
    try (HikariDataSource plain = Hosts.plainHikari(context.server(), db, "plain", THREADS)) {
      Hosts.fill(host, Key.get(WorkerPool.class), POOL);
      Hosts.fill(unsafeHost, Key.get(WorkerPool.class), POOL);
      try {
        split = CoreSplit.of(context.server());
      } catch (IllegalStateException e) {
        noSplit = e.getMessage();
      }
      List<Side> sides =
          List.of(
              coroutines(host),
              onHikari(plain, threads),
              onHikari(plain, virtualThreads),
              coroutines(unsafeHost));
      int[] levels = context.config().smoke() ? new int[] {4, 100} : new int[] {16, 1_000, 10_000};
      int top = levels.length - 1;
      int rounds = context.size(5, 2, 1);
      int[] totals = new int[levels.length];
      for (int l = 0; l < levels.length; l++) {
        totals[l] = Math.max(context.size(16_000, 5_000, 200), 2 * levels[l]);
      }
      for (Side side : sides) {
        measure(side, totals[top] / 2, levels[top], null);
      }
      // [level][unpinned, pinned][side][round]
      Run[][][][] runs = new Run[levels.length][2][sides.size()][rounds];
      boolean full = !context.config().quick();
      int[] extraLevels = full ? new int[] {64, 256, 4_096} : new int[0];
      double[][] extra = new double[3][extraLevels.length];
      int extraTotal = 10_000;
      Map<String, Integer> pinnedEvents;
      try (Pinning pinning = new Pinning()) {
        for (int r = 0; r < rounds; r++) {
          for (int l = 0; l < levels.length; l++) {
            for (int p = 0; p < (split == null ? 1 : 2); p++) {
              // UNSAFE_NONE is a diagnostic of the most requests in flight, unpinned
              int n = p == 0 && l == top ? sides.size() : PLAIN_VIRTUAL + 1;
              for (int k = 0; k < n; k++) {
                int v = (k + r) % n;
                runs[l][p][v][r] =
                    measure(sides.get(v), totals[l], levels[l], p == 1 ? split : null);
              }
            }
          }
        }
        for (int l = 0; l < extraLevels.length; l++) {
          for (int v = 0; v <= PLAIN_VIRTUAL; v++) {
            extra[v][l] = measure(sides.get(v), extraTotal, extraLevels[l], null).perSecond();
          }
        }
        pinnedEvents = pinning.stop();
      }
      int profiled = context.size(60_000, 40_000, 200);
      Profiled profile = profile(sides.get(PRODUCT), profiled, levels[top]);
      Profiled virtualProfile = profile(sides.get(PLAIN_VIRTUAL), profiled, levels[top]);
      for (int l = 0; l < levels.length; l++) {
        rows(out, levels[l], runs[l], split != null);
      }
      if (split == null) {
        out.row(
            Row.reported(
                id(),
                "requests/s with the server and the client pinned to separate cores (taskset)",
                "skipped: " + noSplit,
                ""));
      }
      Run[][] atTop = runs[top][UNPINNED];
      double[] ours = perSecond(atTop[PRODUCT]);
      double[] unsafe = perSecond(atTop[UNSAFE]);
      out.row(
          Row.of(
              id(),
              String.format(
                  Locale.ROOT,
                  "%,d in flight, unpinned: requests/s, diagnostic: the product without cleaning"
                      + " (UNSAFE_NONE)",
                  levels[top]),
              "TRACKED " + Spread.of(ours).format(0),
              "UNSAFE_NONE " + Spread.of(unsafe).format(0),
              "TRACKED ÷ UNSAFE_NONE",
              Spread.ratios(ours, unsafe),
              Target.report()));
      int pinnedCount = pinnedEvents.values().stream().mapToInt(Integer::intValue).sum();
      out.row(
          Row.judged(
              id(),
              "JFR jdk.VirtualThreadPinned events (threshold 0) during every run",
              String.valueOf(pinnedCount),
              "",
              Target.exactly("0"),
              pinnedCount == 0));
      List<String> poolStats = new ArrayList<>();
      long left = leasesLeft(host, poolStats);
      out.row(
          Row.judged(
              id(),
              "leases not returned after all runs",
              String.valueOf(left),
              "",
              Target.exactly("0"),
              left == 0));
      int waiting = context.size(10_000, 10_000, 200);
      double perCoroutine = heapPerWaitingCoroutine(host, waiting);
      double perVirtualThread = heapPerWaitingVirtualThread(plain, waiting);
      out.row(
          Row.of(
              id(),
              String.format(
                  Locale.ROOT,
                  "heap per request waiting for a connection (%,d waiting), bytes",
                  waiting),
              String.format(Locale.ROOT, "coroutine waiting for a lease: %,.0f", perCoroutine),
              String.format(
                  Locale.ROOT,
                  "virtual thread waiting in HikariCP `getConnection()`: %,.0f",
                  perVirtualThread),
              "ours ÷ baseline",
              Spread.single(perCoroutine / perVirtualThread),
              Target.report()));
      plot(context, out, levels, runs, extraLevels, extra);
      notes(out, levels, totals, rounds, runs, split, noSplit, pinnedEvents, waiting);
      if (extraLevels.length > 0) {
        out.note(
            String.format(
                    Locale.ROOT,
                    "The plot shows the medians of the unpinned runs and, between them, one"
                        + " unpinned run of %,d requests of each side at more numbers in flight"
                        + " (product vs HikariCP + platform threads, then HikariCP + virtual"
                        + " threads, requests/s): ",
                    extraTotal)
                + sweepText(extraLevels, extra)
                + ".");
      }
      out.note(
          "Pools after the runs (`WorkerPool.stats()`: every borrow since the pool opened, warm-ups"
              + " and pinned runs included; its histogram has power-of-two buckets, so its"
              + " percentiles are upper bounds): "
              + String.join("; ", poolStats)
              + ".");
      profileNote(out, levels[top], profiled, profile, virtualProfile);
      whyMissed(out, levels, runs, split != null);
      finding(out, levels, runs);
    } finally {
      if (split != null) {
        split.close();
      }
      threads.shutdownNow();
      virtualThreads.shutdownNow();
      Hosts.stop(host);
      Hosts.stop(unsafeHost);
      context.server().dropDatabase(db);
    }
  }

  /** The rows of one number of requests in flight. */
  private void rows(FigureResult out, int level, Run[][][] runs, boolean pinned) {
    String at = String.format(Locale.ROOT, "%,d in flight", level);
    Run[][] free = runs[UNPINNED];
    double[] cpuOurs = cpuMicros(free[PRODUCT]);
    double[] cpuPlatform = cpuMicros(free[PLAIN_PLATFORM]);
    double[] cpuVirtual = cpuMicros(free[PLAIN_VIRTUAL]);
    out.row(
        Row.of(
            id(),
            at + ": client CPU per request (the JVM's CPU time), µs",
            OURS + ": " + Spread.of(cpuOurs).format(),
            PLATFORM + ": " + Spread.of(cpuPlatform).format(),
            "ours ÷ baseline",
            Spread.ratios(cpuOurs, cpuPlatform),
            Target.atMost(1.10)));
    out.row(
        Row.of(
            id(),
            at + ": client CPU per request, µs, diagnostic: " + VIRTUAL,
            "coroutines " + Spread.of(cpuOurs).format(),
            "virtual threads + HikariCP " + Spread.of(cpuVirtual).format(),
            "ours ÷ that",
            Spread.ratios(cpuOurs, cpuVirtual),
            Target.report()));
    throughput(out, at + ", unpinned", free, Target.report());
    if (pinned) {
      throughput(
          out, at + ", server and client on separate cores", runs[PINNED], Target.atLeast(1.0));
    }
    double[] p50Ours = micros(free[PRODUCT], Run::acquireP50Nanos);
    double[] p99Ours = micros(free[PRODUCT], Run::acquireP99Nanos);
    out.row(
        Row.of(
            id(),
            at + ": acquisition latency p50 / p99, µs",
            "coroutine's `Connection`: " + latency(p50Ours, p99Ours),
            "HikariCP `getConnection()` on virtual threads: "
                + latency(
                    micros(free[PLAIN_VIRTUAL], Run::acquireP50Nanos),
                    micros(free[PLAIN_VIRTUAL], Run::acquireP99Nanos))
                + "; on 16 platform threads: "
                + latency(
                    micros(free[PLAIN_PLATFORM], Run::acquireP50Nanos),
                    micros(free[PLAIN_PLATFORM], Run::acquireP99Nanos)),
            "p99 ours ÷ virtual threads",
            Spread.ratios(p99Ours, micros(free[PLAIN_VIRTUAL], Run::acquireP99Nanos)),
            Target.report()));
  }

  /**
   * Two throughput rows: against the platform-thread baseline ({@code againstPlatform}) and against
   * HikariCP on one virtual thread per request (at least 1.0 whether pinned or not).
   */
  private void throughput(FigureResult out, String at, Run[][] runs, Target againstPlatform) {
    double[] ours = perSecond(runs[PRODUCT]);
    double[] platform = perSecond(runs[PLAIN_PLATFORM]);
    double[] virtual = perSecond(runs[PLAIN_VIRTUAL]);
    out.row(
        Row.of(
            id(),
            at + ": requests/s",
            OURS + ": " + Spread.of(ours).format(0),
            PLATFORM + ": " + Spread.of(platform).format(0),
            "ours ÷ baseline",
            Spread.ratios(ours, platform),
            againstPlatform));
    out.row(
        Row.of(
            id(),
            at + ": requests/s against " + VIRTUAL,
            "coroutines " + Spread.of(ours).format(0),
            "virtual threads + HikariCP " + Spread.of(virtual).format(0),
            "ours ÷ that",
            Spread.ratios(ours, virtual),
            Target.atLeast(1.0)));
  }

  private static void plot(
      BenchContext context,
      FigureResult out,
      int[] levels,
      Run[][][][] runs,
      int[] extraLevels,
      double[][] extra)
      throws Exception {
    String[] names = {
      "workerdi: one coroutine per request, " + WORKERS + " workers × pool of " + POOL,
      "HikariCP pool of " + THREADS + " + fixed pool of " + THREADS + " platform threads",
      "diagnostic: the same HikariCP pool, one virtual thread per request"
    };
    Map<String, double[][]> series = new LinkedHashMap<>();
    for (int v = 0; v <= PLAIN_VIRTUAL; v++) {
      Map<Integer, Double> points = new TreeMap<>();
      for (int l = 0; l < levels.length; l++) {
        points.put(levels[l], Spread.of(perSecond(runs[l][UNPINNED][v])).median());
      }
      for (int l = 0; l < extraLevels.length; l++) {
        points.put(extraLevels[l], extra[v][l]);
      }
      double[][] xy = new double[2][points.size()];
      int i = 0;
      for (Map.Entry<Integer, Double> point : points.entrySet()) {
        xy[0][i] = point.getKey();
        xy[1][i] = point.getValue();
        i++;
      }
      series.put(names[v], xy);
    }
    Plots.logLines(
        context.outputDir().resolve(PLOT),
        "Throughput against requests in flight (primary-key SELECT, unpinned)",
        "requests in flight (concurrent coroutines / queued tasks), log scale",
        "requests per second",
        series);
    out.plot(PLOT, "throughput against concurrent coroutines");
  }

  private void notes(
      FigureResult out,
      int[] levels,
      int[] totals,
      int rounds,
      Run[][][][] runs,
      CoreSplit split,
      String noSplit,
      Map<String, Integer> pinnedEvents,
      int waiting) {
    List<String> sizes = new ArrayList<>();
    for (int l = 0; l < levels.length; l++) {
      sizes.add(String.format(Locale.ROOT, "%,d in flight: %,d requests", levels[l], totals[l]));
    }
    int pinnedCount = pinnedEvents.values().stream().mapToInt(Integer::intValue).sum();
    out.note(
        String.format(
            Locale.ROOT,
            "Figure 6: each request is `SELECT name, qty FROM items WHERE id = ?` (a %,d-row InnoDB"
                + " table, prepared on the client) on its own connection. Product: `host.submit` of"
                + " one coroutine per request, alternating the %d workers (a TRACKED pool of %d"
                + " each), each injecting its `Connection`. Baseline: one HikariCP pool of %d and a"
                + " fixed pool of %d platform threads, each request `getConnection()` / query /"
                + " `close()`; diagnostic: the same HikariCP pool with one virtual thread per"
                + " request. Every side keeps the same number of requests in flight with a"
                + " semaphore until a run's requests are done (%s); %d round(s), each running every"
                + " level unpinned%s, the sides in an order rotated round by round, after one"
                + " warm-up run of each side at %,d in flight; ratios pair the runs of the same"
                + " round; the UNSAFE_NONE diagnostic runs only at the most requests in flight,"
                + " unpinned. The CPU and latency rows are from the unpinned runs. Client CPU per"
                + " request: the benchmark JVM's CPU time"
                + " (`com.sun.management.OperatingSystemMXBean.getProcessCpuTime()`: every thread"
                + " of the JVM, so the requests, the load driver, the GC and the JIT) across a run,"
                + " divided by its requests (the counter advances in the kernel's clock ticks, 10 ms"
                + " on most Linux kernels); the database server is another process and does not"
                + " count. Acquisition latency: `System.nanoTime()` around `connections.get()` in"
                + " the coroutine (the lease's Guice provision and the pool's borrow, waiting"
                + " included) and around HikariCP's `getConnection()`, every request of a run,"
                + " nearest-rank percentiles per run; the platform-thread baseline queues requests"
                + " in its executor before `getConnection()`, so its latency is the hand-over of a"
                + " free connection, with no wait; the product alternates the workers by request"
                + " number, not by free connections, so even at %d in flight a worker can have more"
                + " requests than its %d connections and one waits. %s JFR `jdk.VirtualThreadPinned` events"
                + " (threshold 0, stack traces) are recorded around every run%s.",
            ROWS,
            WORKERS,
            POOL,
            THREADS,
            THREADS,
            String.join(", ", sizes),
            rounds,
            split != null ? " and then pinned" : "",
            levels[levels.length - 1],
            THREADS,
            POOL,
            split != null
                ? "Pinned runs: "
                    + split.describe()
                    + "; every thread of both processes is pinned again just before each pinned"
                    + " run, so threads created since (pool, carrier and server threads) are"
                    + " pinned too."
                : "Pinned runs skipped: " + noSplit + ".",
            pinnedCount == 0 ? "" : " (top frames: " + pinnedEvents + ")"));
    out.note(
        String.format(
            Locale.ROOT,
            "Heap per waiting request: all %d connections are held, then %,d more requests each"
                + " ask for one and wait (product: coroutines asking for a lease, waiting in the"
                + " worker pools; baseline: virtual threads in HikariCP's `getConnection()`); used"
                + " heap after a full GC, before and after, divided by their number (the stacks of"
                + " parked virtual threads live in the heap).",
            THREADS,
            waiting));
    if (split != null) {
      List<String> parts = new ArrayList<>();
      for (int l = 0; l < levels.length; l++) {
        Run[][] pinned = runs[l][PINNED];
        parts.add(
            String.format(
                Locale.ROOT,
                "%,d in flight: %s vs %s µs (%.2f×), virtual threads %s µs",
                levels[l],
                Spread.of(cpuMicros(pinned[PRODUCT])).format(),
                Spread.of(cpuMicros(pinned[PLAIN_PLATFORM])).format(),
                Spread.ratios(cpuMicros(pinned[PRODUCT]), cpuMicros(pinned[PLAIN_PLATFORM]))
                    .median(),
                Spread.of(cpuMicros(pinned[PLAIN_VIRTUAL])).format()));
      }
      out.note(
          "Client CPU per request in the pinned runs (product vs HikariCP + platform threads): "
              + String.join("; ", parts)
              + ".");
    }
    List<String> memory = new ArrayList<>();
    for (int l = 0; l < levels.length; l++) {
      Run[][] free = runs[l][UNPINNED];
      memory.add(
          String.format(
              Locale.ROOT,
              "%,d in flight: product %s, HikariCP + platform threads %s, HikariCP + virtual"
                  + " threads %s",
              levels[l],
              memoryText(free[PRODUCT]),
              memoryText(free[PLAIN_PLATFORM]),
              memoryText(free[PLAIN_VIRTUAL])));
    }
    out.note(
        "Heap allocated per request by all threads"
            + " (`com.sun.management.ThreadMXBean.getTotalThreadAllocatedBytes()`) and the"
            + " collectors' time per request (`GarbageCollectorMXBean.getCollectionTime()`), the"
            + " medians of the unpinned runs: "
            + String.join("; ", memory)
            + ".");
  }

  /**
   * When a target is missed: how many, and how the run's own CPU figures split the gap (the profile
   * note says where the product's share goes).
   */
  private static void whyMissed(FigureResult out, int[] levels, Run[][][][] runs, boolean pinned) {
    int targets = 0;
    int missed = 0;
    for (Row row : out.rows()) {
      if (row.target().checked()) {
        targets++;
        missed += row.verdict() == Row.Verdict.MISSED ? 1 : 0;
      }
    }
    if (missed == 0) {
      return;
    }
    StringBuilder why =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "Figure 6 missed %d of its %d ratio targets (marked in the table). ",
                missed,
                targets));
    List<String> splits = new ArrayList<>();
    for (int l = 0; l < levels.length; l++) {
      Run[][] free = runs[l][UNPINNED];
      double ours = Spread.of(cpuMicros(free[PRODUCT])).median();
      double platform = Spread.of(cpuMicros(free[PLAIN_PLATFORM])).median();
      double virtual = Spread.of(cpuMicros(free[PLAIN_VIRTUAL])).median();
      splits.add(
          String.format(
              Locale.ROOT,
              "at %,d in flight, client CPU per request is %.1f µs for the product and %.1f µs"
                  + " for the platform-thread baseline (%+.1f µs): one virtual thread per request"
                  + " accounts for %+.1f µs (HikariCP on virtual threads: %.1f µs), the product's"
                  + " own work for %+.1f µs",
              levels[l],
              ours,
              platform,
              ours - platform,
              virtual - platform,
              virtual,
              ours - virtual));
    }
    why.append("From this run's medians (unpinned): ")
        .append(String.join("; ", splits))
        .append(". ");
    why.append(
        "A virtual thread per request costs a thread, its stack chunks and its scheduling, and"
            + " socket reads that park and are woken by the JDK's poller instead of blocking in the"
            + " kernel; the product's own work per request is the lease path that figure 1 measures"
            + " on a stub driver, and the profile above says where it goes. ");
    why.append(
        pinned
            ? "Unpinned, the server and the client share the cores, so client CPU takes CPU away"
                + " from the server and throughput follows it; pinned, each has its own core, so the"
                + " pinned rows compare the clients."
            : "Unpinned, the server and the client share the cores, so client CPU takes CPU away"
                + " from the server and throughput follows it.");
    out.note(why.toString());
  }

  /** A CPU profile of one more unpinned run of {@code side}. */
  private static Profiled profile(Side side, int total, int concurrency) throws Exception {
    try (CpuProfile sampler = new CpuProfile()) {
      Run run = measure(side, total, concurrency, null);
      CpuProfile.Summary summary = sampler.stop(10);
      double micros = run.cpuNanosPerRequest() / 1_000;
      return new Profiled(
          summary.event(),
          String.format(
                  Locale.ROOT, "%.1f µs of CPU per request, %,d samples", micros, summary.samples())
              + (summary.lost() > 0 ? String.format(Locale.ROOT, ", %,d lost", summary.lost()) : "")
              + (summary.truncated() > 0
                  ? String.format(Locale.ROOT, ", %,d with truncated stacks", summary.truncated())
                  : "")
              + "): "
              + summary.describe(micros));
    }
  }

  /**
   * A profiled run, described.
   *
   * @param event the JFR event sampled
   * @param text its CPU per request, sample counts and places, closing a parenthesis
   */
  private record Profiled(String event, String text) {}

  /**
   * Where the product's client CPU goes, beside HikariCP on virtual threads: a CPU profile of one
   * more run of each.
   */
  private static void profileNote(
      FigureResult out, int inFlight, int profiled, Profiled product, Profiled virtual) {
    out.note(
        String.format(
            Locale.ROOT,
            "Where the client CPU goes: JFR `%s` (%s) during one more unpinned run of %,d"
                + " requests, %,d in flight, of the product and of HikariCP on virtual threads;"
                + " each sample is counted at its innermost frame outside the JDK, and a place's µs"
                + " are its share of that run's CPU per request (threads outside Java, such as the"
                + " collector's, are not sampled, so their CPU is spread over the places)."
                + " Product (%s. HikariCP on virtual"
                + " threads (%s.",
            product.event(),
            product.event().equals(CpuProfile.CPU_TIME)
                ? "threads sampled by the CPU time they use, throttle 1 ms, native and kernel"
                    + " time included"
                : "threads running Java code, every 5 ms",
            profiled,
            inFlight,
            product.text(),
            virtual.text()));
  }

  private static void finding(FigureResult out, int[] levels, Run[][][][] runs) {
    List<String> parts = new ArrayList<>();
    for (int l = 0; l < levels.length; l++) {
      Run[][] free = runs[l][UNPINNED];
      parts.add(
          String.format(
              Locale.ROOT,
              "%.2f× at %,d in flight",
              Spread.ratios(cpuMicros(free[PRODUCT]), cpuMicros(free[PLAIN_PLATFORM])).median(),
              levels[l]));
    }
    out.finding(
        "Under many short requests the product's client CPU per request (the JVM's own CPU time)"
            + " is "
            + String.join(", ", parts)
            + " that of HikariCP on 16 platform threads; figure 6's notes split it between one"
            + " virtual thread per request and the product's own work.");
  }

  /** Runs {@code total} requests of {@code side}, {@code concurrency} in flight. */
  private static Run measure(Side side, int total, int concurrency, CoreSplit split)
      throws Exception {
    long[] acquire = new long[total];
    if (split != null) {
      split.pin();
    }
    try {
      long allocated = ALLOCATION.getTotalThreadAllocatedBytes();
      long gc = gcMillis();
      long cpu = processCpuNanos();
      double perSecond = closedLoop(total, concurrency, i -> side.start(i, acquire));
      long spent = processCpuNanos() - cpu;
      long collecting = gcMillis() - gc;
      long allocatedNow = ALLOCATION.getTotalThreadAllocatedBytes();
      Arrays.sort(acquire);
      return new Run(
          perSecond,
          spent / (double) total,
          percentile(acquire, 0.5),
          percentile(acquire, 0.99),
          allocated < 0 || allocatedNow < 0
              ? Double.NaN
              : (allocatedNow - allocated) / (double) total,
          collecting * 1e6 / total);
    } finally {
      if (split != null) {
        split.unpin();
      }
    }
  }

  private static long gcMillis() {
    long millis = 0;
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      millis += Math.max(0, collector.getCollectionTime());
    }
    return millis;
  }

  private static long processCpuNanos() {
    long nanos = CPU.getProcessCpuTime();
    if (nanos < 0) {
      throw new IllegalStateException("this JVM does not report its process CPU time");
    }
    return nanos;
  }

  /** The nearest-rank {@code fraction} percentile of sorted {@code values}. */
  private static double percentile(long[] sorted, double fraction) {
    int rank = (int) Math.ceil(fraction * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  private static double[] perSecond(Run[] runs) {
    return values(runs, Run::perSecond);
  }

  private static double[] cpuMicros(Run[] runs) {
    return micros(runs, Run::cpuNanosPerRequest);
  }

  private static double[] micros(Run[] runs, ToDoubleFunction<Run> nanos) {
    double[] micros = values(runs, nanos);
    for (int i = 0; i < micros.length; i++) {
      micros[i] /= 1_000;
    }
    return micros;
  }

  private static double[] values(Run[] runs, ToDoubleFunction<Run> value) {
    double[] values = new double[runs.length];
    for (int i = 0; i < runs.length; i++) {
      values[i] = value.applyAsDouble(runs[i]);
    }
    return values;
  }

  private static String memoryText(Run[] runs) {
    double allocated = Spread.of(values(runs, Run::allocatedBytesPerRequest)).median();
    return (Double.isNaN(allocated)
            ? "(allocation not counted by this JVM)"
            : String.format(Locale.ROOT, "%,.0f B", allocated))
        + String.format(
            Locale.ROOT,
            " and %.1f µs of GC",
            Spread.of(micros(runs, Run::gcNanosPerRequest)).median());
  }

  private static String latency(double[] p50, double[] p99) {
    return Spread.of(p50).format() + " / " + Spread.of(p99).format();
  }

  /**
   * One run of one side.
   *
   * @param perSecond requests per second
   * @param cpuNanosPerRequest the JVM's CPU time per request
   * @param acquireP50Nanos the median time to get a connection
   * @param acquireP99Nanos the 99th percentile of that time
   * @param allocatedBytesPerRequest heap allocated per request by all threads, NaN if the JVM does
   *     not count it
   * @param gcNanosPerRequest the collectors' time per request (wall time of their collections)
   */
  private record Run(
      double perSecond,
      double cpuNanosPerRequest,
      double acquireP50Nanos,
      double acquireP99Nanos,
      double allocatedBytesPerRequest,
      double gcNanosPerRequest) {}

  /**
   * One way to serve a request: starts request {@code i}, which writes the nanoseconds it waited
   * for its connection to {@code acquireNanos[i]}.
   */
  private interface Side {
    CompletableFuture<?> start(int i, long[] acquireNanos);
  }

  /** One coroutine per request on {@code host}'s workers, each injecting its {@code Connection}. */
  private static Side coroutines(WorkerHost host) {
    Provider<Connection> connections = host.injector().getProvider(Connection.class);
    return (i, acquire) ->
        host.submit(
            i % WORKERS,
            () -> {
              long asked = System.nanoTime();
              Connection connection = connections.get();
              acquire[i] = System.nanoTime() - asked;
              request(connection, i);
              return null;
            });
  }

  /** One request on plain HikariCP per task of {@code executor}. */
  private static Side onHikari(HikariDataSource plain, ExecutorService executor) {
    return (i, acquire) ->
        CompletableFuture.supplyAsync(
            () -> {
              long asked = System.nanoTime();
              try (Connection connection = plain.getConnection()) {
                acquire[i] = System.nanoTime() - asked;
                request(connection, i);
                return null;
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            },
            executor);
  }

  private static void fill(BenchContext context, String db) throws Exception {
    try (Connection connection = context.server().connect(db);
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(64) NOT NULL, qty INT NOT NULL)"
              + " ENGINE=InnoDB");
      statement.execute(
          "INSERT INTO items SELECT seq, CONCAT('item-', seq), seq % 97 FROM seq_1_to_" + ROWS);
    }
  }

  static void request(Connection connection, int i) throws Exception {
    try (PreparedStatement select = connection.prepareStatement(QUERY)) {
      select.setInt(1, 1 + Math.floorMod(i * 7919, ROWS));
      try (ResultSet rows = select.executeQuery()) {
        if (!rows.next()) {
          throw new IllegalStateException("no row " + i);
        }
        Sql.sink = rows.getString(1);
      }
    }
  }

  /**
   * Starts {@code total} requests keeping at most {@code concurrency} in flight; requests per
   * second.
   */
  static double closedLoop(int total, int concurrency, IntFunction<CompletableFuture<?>> start)
      throws Exception {
    Semaphore inFlight = new Semaphore(concurrency);
    CountDownLatch done = new CountDownLatch(total);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    long started = System.nanoTime();
    for (int i = 0; i < total && failure.get() == null; i++) {
      inFlight.acquire();
      start
          .apply(i)
          .whenComplete(
              (value, error) -> {
                if (error != null) {
                  failure.compareAndSet(null, error);
                }
                inFlight.release();
                done.countDown();
              });
    }
    if (failure.get() == null && !done.await(10, TimeUnit.MINUTES)) {
      throw new IllegalStateException("requests did not finish within 10 minutes");
    }
    if (failure.get() != null) {
      throw new IllegalStateException("a request failed", failure.get());
    }
    return total / ((System.nanoTime() - started) / 1e9);
  }

  /** Leases borrowed and not returned, over both workers; adds each pool's figures to stats. */
  private static long leasesLeft(WorkerHost host, List<String> stats) throws Exception {
    long left = 0;
    for (WorkerPool pool : pools(host)) {
      left += pool.stats().borrowed() - pool.stats().returned() + pool.state().active();
      stats.add(
          String.format(
              Locale.ROOT,
              "%s: %,d borrowed, %,d returned, %d reclaimed, %d active, %d timeouts, "
                  + "acquisition p50 ≤ %,d µs, p99 ≤ %,d µs",
              pool.name(),
              pool.stats().borrowed(),
              pool.stats().returned(),
              pool.stats().reclaimed(),
              pool.state().active(),
              pool.stats().timeouts(),
              pool.stats().acquireMicros(0.5),
              pool.stats().acquireMicros(0.99)));
    }
    return left;
  }

  private static List<WorkerPool> pools(WorkerHost host) throws Exception {
    List<WorkerPool> pools = new ArrayList<>();
    for (int w = 0; w < WORKERS; w++) {
      pools.add(Hosts.call(host, w, () -> host.injector().getInstance(WorkerPool.class)));
    }
    return pools;
  }

  /** Bytes of heap per coroutine waiting for a lease while every connection is held. */
  private static double heapPerWaitingCoroutine(WorkerHost host, int waiting) throws Exception {
    Provider<Connection> connections = host.injector().getProvider(Connection.class);
    List<WorkerPool> pools = pools(host);
    return heapPerWaiter(
        (i, whileHeld) ->
            host.submit(
                i % WORKERS,
                () -> {
                  connections.get();
                  whileHeld.run();
                  return null;
                }),
        () -> pools.stream().mapToInt(p -> p.state().waiting()).sum(),
        waiting);
  }

  /**
   * Bytes of heap per virtual thread waiting in HikariCP's {@code getConnection()} while every
   * connection is held.
   */
  private static double heapPerWaitingVirtualThread(HikariDataSource plain, int waiting)
      throws Exception {
    try (ExecutorService virtualThreads = Executors.newVirtualThreadPerTaskExecutor()) {
      return heapPerWaiter(
          (i, whileHeld) ->
              virtualThreads.submit(
                  () -> {
                    try (Connection connection = plain.getConnection()) {
                      whileHeld.run();
                    }
                    return null;
                  }),
          () -> plain.getHikariPoolMXBean().getThreadsAwaitingConnection(),
          waiting);
    }
  }

  /**
   * Holds all {@value #THREADS} connections with requests of {@code ask}, then starts {@code
   * waiting} more and measures the used heap after a full GC before and after they all wait (as
   * {@code waitingNow} counts them); bytes per waiting request.
   */
  private static double heapPerWaiter(Asker ask, IntSupplier waitingNow, int waiting)
      throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch holding = new CountDownLatch(THREADS);
    List<Future<?>> all = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      all.add(
          ask.start(
              i,
              () -> {
                holding.countDown();
                release.await();
              }));
    }
    holding.await();
    long before = usedHeapAfterGc();
    for (int i = 0; i < waiting; i++) {
      all.add(ask.start(i, () -> {}));
    }
    awaitWaiting(waitingNow, waiting);
    long after = usedHeapAfterGc();
    release.countDown();
    for (Future<?> request : all) {
      request.get(5, TimeUnit.MINUTES);
    }
    return (after - before) / (double) waiting;
  }

  /** Starts request {@code i}, which runs {@code whileHeld} while it holds its connection. */
  private interface Asker {
    Future<?> start(int i, Held whileHeld);
  }

  /** What a request does while it holds its connection. */
  private interface Held {
    void run() throws Exception;
  }

  private static void awaitWaiting(IntSupplier waitingNow, int waiting)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (waitingNow.getAsInt() < waiting && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static String sweepText(int[] levels, double[][] perSecond) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < levels.length; i++) {
      parts.add(
          String.format(
              Locale.ROOT,
              "%,d in flight: %,.0f vs %,.0f (%.2f×), %,.0f",
              levels[i],
              perSecond[PRODUCT][i],
              perSecond[PLAIN_PLATFORM][i],
              perSecond[PRODUCT][i] / perSecond[PLAIN_PLATFORM][i],
              perSecond[PLAIN_VIRTUAL][i]));
    }
    return String.join("; ", parts);
  }
}
