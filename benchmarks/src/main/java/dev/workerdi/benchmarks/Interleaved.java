package dev.workerdi.benchmarks;

import java.util.List;

/**
 * Times single-threaded loops of several variants side by side: every variant is warmed up, then
 * each round times every variant once, in an order rotated from round to round, so that drift in
 * the machine's load reaches every variant alike. Stateless.
 */
public final class Interleaved {
  private Interleaved() {}

  /** One operation of a variant. */
  @FunctionalInterface
  public interface Op {
    void run() throws Exception;
  }

  /**
   * One variant.
   *
   * @param name for messages
   * @param ops operations timed per round
   * @param op the operation
   */
  public record Variant(String name, int ops, Op op) {}

  /** Nanoseconds per operation: {@code [variant][round]}. */
  public static double[][] measure(List<Variant> variants, int rounds, int warmupRounds)
      throws Exception {
    int n = variants.size();
    for (int w = 0; w < warmupRounds; w++) {
      for (Variant variant : variants) {
        time(variant);
      }
    }
    double[][] nanos = new double[n][rounds];
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < n; k++) {
        int v = (k + r) % n;
        nanos[v][r] = time(variants.get(v));
      }
    }
    return nanos;
  }

  private static double time(Variant variant) throws Exception {
    Op op = variant.op();
    int ops = variant.ops();
    long started = System.nanoTime();
    for (int i = 0; i < ops; i++) {
      op.run();
    }
    return (System.nanoTime() - started) / (double) ops;
  }

  /** Each value divided by 1,000: nanoseconds to microseconds. */
  public static double[] micros(double[] nanos) {
    double[] micros = new double[nanos.length];
    for (int i = 0; i < nanos.length; i++) {
      micros[i] = nanos[i] / 1_000;
    }
    return micros;
  }
}
