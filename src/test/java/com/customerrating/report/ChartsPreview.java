package com.customerrating.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes the sample charts for a look in a browser: one standalone .svg per chart and page.html with all of
 * them inline, styled by the report's stylesheet. {@code java ... ChartsPreview /tmp/charts}
 */
final class ChartsPreview {

  private ChartsPreview() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "target/chart-preview");
    Files.createDirectories(dir);
    String css;
    try (var in = ChartsPreview.class.getResourceAsStream("/report/report.css")) {
      css = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    StringBuilder page = new StringBuilder("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><style>")
        .append(css).append("</style></head><body><main>");
    Map<String, String> charts = new java.util.LinkedHashMap<>(ChartSamples.all());
    charts.putAll(ChartSamples.edgeCases());
    for (Map.Entry<String, String> e : charts.entrySet()) {
      Files.writeString(dir.resolve(e.getKey() + ".svg"), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + e.getValue(),
          StandardCharsets.UTF_8);
      page.append("<section><h2>").append(e.getKey()).append("</h2>").append(e.getValue()).append("</section>");
    }
    Files.writeString(dir.resolve("page.html"), page.append("</main></body></html>").toString(), StandardCharsets.UTF_8);
    System.out.println("wrote " + dir.toAbsolutePath());
  }
}
