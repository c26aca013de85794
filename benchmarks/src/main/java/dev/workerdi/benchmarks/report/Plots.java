package dev.workerdi.benchmarks.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** The two plots of the results, as SVG written here (no plotting library). Stateless. */
public final class Plots {
  private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e"};

  private Plots() {}

  /**
   * A fan-out timeline: one row per task, a light bar while it waited for its turn (from the start
   * of the fan-out to its lease), a dark bar while its query ran; a line at the fan-out's end.
   */
  public static void timeline(
      Path file, String title, double[] startMs, double[] endMs, double wallMs, double slowestMs)
      throws IOException {
    int n = startMs.length;
    int rowHeight = n > 100 ? 2 : 6;
    int left = 60;
    int top = 40;
    int plotWidth = 760;
    int plotHeight = n * rowHeight;
    Svg svg = new Svg(left + plotWidth + 30, top + plotHeight + 60);
    double scale = plotWidth / (wallMs * 1.05);
    svg.text(left, 22, title, 14, "start");
    for (int i = 0; i < n; i++) {
      double y = top + i * rowHeight;
      svg.rect(left, y, startMs[i] * scale, rowHeight - 1, "#d9e6f2", null);
      svg.rect(
          left + startMs[i] * scale,
          y,
          (endMs[i] - startMs[i]) * scale,
          rowHeight - 1,
          "#1f77b4",
          String.format(Locale.ROOT, "task %d: %.1f–%.1f ms", i, startMs[i], endMs[i]));
    }
    double wallX = left + wallMs * scale;
    svg.line(wallX, top - 5, wallX, top + plotHeight + 5, "#d62728", 1.5, false);
    svg.text(
        wallX,
        top + plotHeight + 18,
        String.format(Locale.ROOT, "fan-out ends: %.0f ms", wallMs),
        11,
        "end");
    double slowX = left + slowestMs * scale;
    svg.line(slowX, top - 5, slowX, top + plotHeight + 5, "#555555", 1, true);
    svg.text(
        slowX, top - 8, String.format(Locale.ROOT, "slowest query: %.0f ms", slowestMs), 11, "end");
    axisX(svg, left, top + plotHeight, plotWidth, wallMs * 1.05, "ms since the fan-out started");
    svg.verticalText(20, top + plotHeight / 2.0, "task (one lease each)", 11);
    svg.write(file);
  }

  /** A line chart with a logarithmic x axis; {@code series} maps a name to {x values, y values}. */
  public static void logLines(
      Path file, String title, String xLabel, String yLabel, Map<String, double[][]> series)
      throws IOException {
    int left = 80;
    int top = 40;
    int plotWidth = 640;
    int plotHeight = 320;
    Svg svg = new Svg(left + plotWidth + 40, top + plotHeight + 90);
    double minX = Double.MAX_VALUE;
    double maxX = 0;
    double maxY = 0;
    for (double[][] xy : series.values()) {
      for (int i = 0; i < xy[0].length; i++) {
        minX = Math.min(minX, xy[0][i]);
        maxX = Math.max(maxX, xy[0][i]);
        maxY = Math.max(maxY, xy[1][i]);
      }
    }
    double logMin = Math.log10(minX);
    double logSpan = Math.max(Math.log10(maxX) - logMin, 1e-9);
    double yMax = niceCeiling(maxY * 1.1);
    svg.text(left, 22, title, 14, "start");
    svg.line(left, top + plotHeight, left + plotWidth, top + plotHeight, "black", 1, false);
    svg.line(left, top, left, top + plotHeight, "black", 1, false);
    for (int tick = 0; tick <= 5; tick++) {
      double value = yMax * tick / 5;
      double y = top + plotHeight - plotHeight * tick / 5.0;
      svg.line(left - 4, y, left + plotWidth, y, "#e0e0e0", 1, false);
      svg.text(left - 8, y + 4, String.format(Locale.ROOT, "%,.0f", value), 11, "end");
    }
    for (double x : series.values().iterator().next()[0]) {
      double px = left + plotWidth * (Math.log10(x) - logMin) / logSpan;
      svg.line(px, top + plotHeight, px, top + plotHeight + 4, "black", 1, false);
      svg.text(px, top + plotHeight + 18, String.format(Locale.ROOT, "%,.0f", x), 11, "middle");
    }
    int s = 0;
    for (Map.Entry<String, double[][]> entry : series.entrySet()) {
      double[][] xy = entry.getValue();
      double[] xs = new double[xy[0].length];
      double[] ys = new double[xy[0].length];
      for (int i = 0; i < xs.length; i++) {
        xs[i] = left + plotWidth * (Math.log10(xy[0][i]) - logMin) / logSpan;
        ys[i] = top + plotHeight - plotHeight * xy[1][i] / yMax;
      }
      String colour = COLOURS[s % COLOURS.length];
      svg.polyline(xs, ys, colour);
      double legendY = top + plotHeight + 50 + 16 * s;
      svg.line(left, legendY - 4, left + 24, legendY - 4, colour, 2, false);
      svg.text(left + 30, legendY, entry.getKey(), 12, "start");
      s++;
    }
    svg.text(left + plotWidth / 2.0, top + plotHeight + 34, xLabel, 12, "middle");
    svg.verticalText(18, top + plotHeight / 2.0, yLabel, 12);
    svg.write(file);
  }

  private static void axisX(Svg svg, int left, int y, int width, double max, String label) {
    svg.line(left, y, left + width, y, "black", 1, false);
    double step = niceCeiling(max / 8);
    for (double value = 0; value <= max; value += step) {
      double x = left + width * value / max;
      svg.line(x, y, x, y + 4, "black", 1, false);
      svg.text(x, y + 30, String.format(Locale.ROOT, "%.0f", value), 10, "middle");
    }
    svg.text(left + width / 2.0, y + 48, label, 12, "middle");
  }

  /** 1, 2 or 5 times a power of ten, at least {@code value}. */
  private static double niceCeiling(double value) {
    if (value <= 0) {
      return 1;
    }
    double power = Math.pow(10, Math.floor(Math.log10(value)));
    for (double step : new double[] {1, 2, 5, 10}) {
      if (step * power >= value) {
        return step * power;
      }
    }
    return 10 * power;
  }
}
