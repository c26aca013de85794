package dev.workerdi.benchmarks.figures;

import dev.workerdi.benchmarks.BenchConfig;
import dev.workerdi.benchmarks.BenchServer;
import java.nio.file.Path;

/**
 * What every figure gets: the options and the server. Immutable.
 *
 * @param config the run's options (sizes depend on quick and smoke modes)
 * @param server the server to measure
 */
public record BenchContext(BenchConfig config, BenchServer server) {

  /** Picks the size for this mode: full, quick, or smoke test. */
  public int size(int full, int quick, int smoke) {
    return config.size(full, quick, smoke);
  }

  /** Where plots are written (next to RESULTS.md). */
  public Path outputDir() {
    return config.outputDir();
  }
}
