package com.customerrating.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.customerrating.common.ConfigException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportConfigTest {

  @TempDir
  Path dir;

  private static String shipped() throws Exception {
    return Files.readString(Path.of("conf/report.yaml"));
  }

  private Path write(String text) throws Exception {
    Path f = dir.resolve("report.yaml");
    Files.writeString(f, text);
    return f;
  }

  @Test
  void shippedConfigLoads() {
    ReportConfig rc = ReportConfig.load(Path.of("conf/report.yaml"));
    // The high-value tiers moved into the model files (grading.high_value): a region's scheme brings its own.
    assertEquals(List.of("S", "A", "B"), com.customerrating.testing.Fixtures.valueModel().grading().highValue());
    assertEquals(List.of("A"), com.customerrating.testing.Fixtures.conversionModel().grading().highValue());
    assertEquals(List.of("vip", "big", "mid", "small"), rc.layers().stream().map(ReportConfig.Layer::name).toList());
    assertEquals(20, rc.paretoTopPercent());
    assertEquals("others", rc.segments().get(rc.segments().size() - 1).name());
    assertEquals("成都 Chengdu", rc.cityLabel("chengdu"));
  }

  @Test
  void builtInDefaultsAreTheShippedFile() throws Exception {
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(ReportConfig.DEFAULT_RESOURCE)) {
      assertEquals(shipped(), new String(in.readAllBytes(), StandardCharsets.UTF_8),
          "src/main/resources/report/report-defaults.yaml must stay a copy of conf/report.yaml");
    }
  }

  @Test
  void unknownKeyFailsNamingFileAndKey() throws Exception {
    Path f = write(shipped().replace("  top_n: 20", "  top_n: 20\n  topn: 5"));
    ConfigException e = assertThrows(ConfigException.class, () -> ReportConfig.load(f));
    assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("churn_alerts.topn"), e.getMessage());
  }

  @Test
  void unknownKeyInsideASegmentFails() throws Exception {
    Path f = write(shipped().replace("{name: lost, label: \"已流失 lost\", r: [1, 1]}",
        "{name: lost, label: \"已流失 lost\", recency: [1, 1]}"));
    ConfigException e = assertThrows(ConfigException.class, () -> ReportConfig.load(f));
    assertTrue(e.getMessage().contains("rfm.segments[9].recency"), e.getMessage());
  }

  @Test
  void lastSeverityRuleMustBeUnconditional() throws Exception {
    Path f = write(shipped().replace("    - {severity: low}\n", ""));
    ConfigException e = assertThrows(ConfigException.class, () -> ReportConfig.load(f));
    assertTrue(e.getMessage().contains("churn_alerts.rules"), e.getMessage());
  }

  @Test
  void unknownReasonAndBadRangeFail() throws Exception {
    Path f = write(shipped().replace("any_reason: [left, tier_drop]}\n    - {severity: high, min",
        "any_reason: [left, vanished]}\n    - {severity: high, min"));
    assertTrue(assertThrows(ConfigException.class, () -> ReportConfig.load(f)).getMessage().contains("vanished"));
    Path g = write(shipped().replace("r: [4, 5], f: [4, 5], m: [4, 5]", "r: [4, 6], f: [4, 5], m: [4, 5]"));
    assertTrue(assertThrows(ConfigException.class, () -> ReportConfig.load(g)).getMessage().contains("rfm.segments[1].r"));
  }

  @Test
  void pyramidLayersMustRise() throws Exception {
    Path f = write(shipped().replace("top_percent: 5}", "top_percent: 1}"));
    ConfigException e = assertThrows(ConfigException.class, () -> ReportConfig.load(f));
    assertTrue(e.getMessage().contains("pyramid.layers[1].top_percent"), e.getMessage());
  }
}
