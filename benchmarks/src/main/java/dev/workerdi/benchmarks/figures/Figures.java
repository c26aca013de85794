package dev.workerdi.benchmarks.figures;

import java.util.List;

/** Every figure, in order. */
public final class Figures {
  private Figures() {}

  public static List<Figure> all() {
    return List.of(
        new LeaseOverhead(),
        new CostOfSafety(),
        new FanOutFigure(),
        new ConnectionReuse(),
        new BackupFigure(),
        new Scale(),
        new Resolution(),
        new BootFigure(),
        new ClusterFigure(),
        new TransactionFigure());
  }
}
