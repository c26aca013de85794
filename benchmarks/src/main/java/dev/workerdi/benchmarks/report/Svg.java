package dev.workerdi.benchmarks.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** A minimal SVG document: rectangles, lines, polylines and text. Not thread-safe. */
final class Svg {
  private final int width;
  private final int height;
  private final StringBuilder body = new StringBuilder();

  Svg(int width, int height) {
    this.width = width;
    this.height = height;
  }

  Svg rect(double x, double y, double w, double h, String fill, String title) {
    body.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">",
            x,
            y,
            Math.max(w, 0.5),
            h,
            fill));
    if (title != null) {
      body.append("<title>").append(escape(title)).append("</title>");
    }
    body.append("</rect>\n");
    return this;
  }

  Svg line(
      double x1,
      double y1,
      double x2,
      double y2,
      String stroke,
      double strokeWidth,
      boolean dashed) {
    body.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%.1f\"%s/>%n",
            x1,
            y1,
            x2,
            y2,
            stroke,
            strokeWidth,
            dashed ? " stroke-dasharray=\"5,4\"" : ""));
    return this;
  }

  Svg polyline(double[] xs, double[] ys, String stroke) {
    StringBuilder points = new StringBuilder();
    for (int i = 0; i < xs.length; i++) {
      points.append(String.format(Locale.ROOT, "%.1f,%.1f ", xs[i], ys[i]));
    }
    body.append("<polyline fill=\"none\" stroke=\"")
        .append(stroke)
        .append("\" stroke-width=\"2\" points=\"")
        .append(points.toString().trim())
        .append("\"/>\n");
    for (int i = 0; i < xs.length; i++) {
      body.append(
          String.format(
              Locale.ROOT,
              "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n",
              xs[i],
              ys[i],
              stroke));
    }
    return this;
  }

  Svg text(double x, double y, String text, int size, String anchor) {
    body.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%.1f\" y=\"%.1f\" font-family=\"sans-serif\" font-size=\"%d\" text-anchor=\"%s\">%s</text>%n",
            x,
            y,
            size,
            anchor,
            escape(text)));
    return this;
  }

  Svg verticalText(double x, double y, String text, int size) {
    body.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%.1f\" y=\"%.1f\" font-family=\"sans-serif\" font-size=\"%d\" "
                + "text-anchor=\"middle\" transform=\"rotate(-90 %.1f %.1f)\">%s</text>%n",
            x,
            y,
            size,
            x,
            y,
            escape(text)));
    return this;
  }

  void write(Path file) throws IOException {
    String svg =
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\""
            + width
            + "\" height=\""
            + height
            + "\" viewBox=\"0 0 "
            + width
            + " "
            + height
            + "\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
            + body
            + "</svg>\n";
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, svg, StandardCharsets.UTF_8);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
