package dev.workerdi.samples.reliability;

import dev.workerdi.jdbc.WorkerPool;
import dev.workerdi.lifecycle.WorkerHost;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToLongFunction;

/** The soak's final report and verdict. Stateless. */
final class SoakReport {
  private SoakReport() {}

  /**
   * Prints the figures; returns the exit status: 0 only with nothing outstanding, polluted, lost or
   * hung.
   */
  static int print(PrintStream out, WorkerHost host, SoakLoad load, Set<Long> stored, int seconds)
      throws Exception {
    List<WorkerPool> pools = Soak.pools(host);
    long borrowed = sum(pools, p -> p.stats().borrowed());
    long returned = sum(pools, p -> p.stats().returned());
    long active = sum(pools, p -> p.state().active());
    Set<Long> lost = new HashSet<>(load.acknowledged());
    lost.removeAll(stored);
    long polluted = load.count("POLLUTION");
    long hung = load.count("HANG");
    out.printf("== result after %d s%n", seconds);
    out.printf("  coroutines     %,d by kind %s%n", load.coroutines(), load.started());
    out.printf(
        "  leases         borrowed %,d, returned %,d, outstanding %,d, connections active %d%n",
        borrowed, returned, borrowed - returned, active);
    out.printf(
        "  cleaning       resets %,d, rollbacks %,d, clean returns %,d%n",
        sum(pools, p -> p.stats().resets()),
        sum(pools, p -> p.stats().rollbacks()),
        returned - sum(pools, p -> p.stats().resets()) - sum(pools, p -> p.stats().rollbacks()));
    out.printf(
        "  reclaims       %,d forgotten leases reclaimed; evicted %,d connections; acquisition timeouts %,d%n",
        sum(pools, p -> p.stats().reclaimed()),
        sum(pools, p -> p.stats().evicted()),
        sum(pools, p -> p.stats().timeouts()));
    out.printf(
        "  faults         %d kills of all pool connections (%d connections killed)%n",
        load.kills.sum(), load.killedConnections.sum());
    out.printf("  outcomes       %s%n", load.outcomes());
    out.printf("  errors by kind %s%n", errors(load));
    for (WorkerPool pool : pools) {
      out.printf(
          "  acquisition    %s: p50 <= %,d us, p99 <= %,d us%n",
          pool.name(), pool.stats().acquireMicros(0.5), pool.stats().acquireMicros(0.99));
    }
    out.printf(
        "  writes         %,d acknowledged, %,d stored, %,d lost%n",
        load.acknowledged().size(), stored.size(), lost.size());
    boolean pass =
        borrowed == returned && active == 0 && polluted == 0 && hung == 0 && lost.isEmpty();
    out.println(
        pass
            ? "== PASS: zero leases outstanding, no polluted lease, no lost write, no hang"
            : "== FAIL: outstanding "
                + (borrowed - returned)
                + ", active "
                + active
                + ", polluted "
                + polluted
                + ", lost "
                + lost.size()
                + ", hung "
                + hung);
    return pass ? 0 : 1;
  }

  private static String errors(SoakLoad load) {
    StringBuilder text = new StringBuilder("{");
    load.outcomes()
        .forEach(
            (outcome, count) -> {
              if (!outcome.equals("ok") && !outcome.startsWith("expected")) {
                text.append(text.length() > 1 ? ", " : "")
                    .append(outcome)
                    .append('=')
                    .append(count);
              }
            });
    return text.append('}').toString();
  }

  private static long sum(List<WorkerPool> pools, ToLongFunction<WorkerPool> counter) {
    return pools.stream().mapToLong(counter).sum();
  }
}
