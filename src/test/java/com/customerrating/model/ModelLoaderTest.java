package com.customerrating.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.customerrating.common.ConfigException;
import com.customerrating.model.rules.Band;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model files load as data, and every defect is reported with its file and key. */
class ModelLoaderTest {

  private static final Path VALUE = Path.of("conf/models/customer-value.yaml");
  private static final Path CONVERSION = Path.of("conf/models/consultation-conversion.yaml");

  @TempDir
  Path dir;

  private Path variant(Path base, String from, String to) throws IOException {
    String text = Files.readString(base);
    assertTrue(text.contains(from), "fixture edit must apply: " + from);
    Path p = dir.resolve(base.getFileName());
    Files.writeString(p, text.replace(from, to));
    return p;
  }

  private static String failure(Path p) {
    return assertThrows(ConfigException.class, () -> ModelLoader.load(p)).getMessage();
  }

  @Test
  void shipped_value_model_warns_that_S_and_A_are_unreachable_at_72() {
    RatingModel m = ModelLoader.load(VALUE);
    assertEquals(0, new BigDecimal("72.00").compareTo(m.gradedRange().max()));
    assertEquals(2, m.warnings().size(), m.warnings().toString());
    assertTrue(m.warnings().get(0).contains("tier S is unreachable"), m.warnings().get(0));
    assertTrue(m.warnings().get(1).contains("tier A is unreachable"), m.warnings().get(1));
    assertTrue(m.warnings().get(0).contains("72.00"));
    assertEquals(java.util.List.of("S", "A", "B", "C", "D"), m.tierNames());
  }

  @Test
  void shipped_conversion_model_reaches_every_grade() {
    RatingModel m = ModelLoader.load(CONVERSION);
    assertEquals(java.util.List.of(), m.warnings());
    assertEquals(java.util.List.of("A", "B", "C", "D"), m.tierNames());
    assertEquals(0, new BigDecimal("1.0").compareTo(m.gradedRange().min()));
    assertEquals(0, new BigDecimal("5.0").compareTo(m.gradedRange().max()));
  }

  @Test
  void normalize_true_makes_S_reachable() throws IOException {
    RatingModel m = ModelLoader.load(variant(VALUE, "normalize: false", "normalize: true"));
    assertTrue(((com.customerrating.model.rules.WeightedSum) m.scores().stream()
        .filter(r -> r.name().equals("composite_score")).findFirst().orElseThrow()).normalize());
    assertEquals(java.util.List.of(), m.warnings());
  }

  @Test
  void a_gap_between_tiers_fails_naming_file_and_key() throws IOException {
    String msg = failure(variant(VALUE, "{name: B, from: 60, to: 75}", "{name: B, from: 60, to: 74}"));
    assertTrue(msg.contains("customer-value.yaml"), msg);
    assertTrue(msg.contains("tiers"), msg);
    assertTrue(msg.contains("gap"), msg);
  }

  @Test
  void an_overlap_between_tiers_fails() throws IOException {
    String msg = failure(variant(VALUE, "{name: B, from: 60, to: 75}", "{name: B, from: 60, to: 76}"));
    assertTrue(msg.contains("overlap"), msg);
  }

  @Test
  void an_edge_owned_by_both_amount_bands_is_an_overlap() throws IOException {
    String msg = failure(variant(VALUE, "{from: 50000, from_inclusive: false, points: 50}",
        "{from: 50000, points: 50}"));
    assertTrue(msg.contains("scores.amount_band_points.bands"), msg);
    assertTrue(msg.contains("belongs to both"), msg);
  }

  @Test
  void an_edge_owned_by_neither_band_is_a_gap() throws IOException {
    String msg = failure(variant(VALUE, "{from: 10000, to: 50000, to_inclusive: true, points: 30}",
        "{from: 10000, to: 50000, points: 30}"));
    assertTrue(msg.contains("belongs to neither"), msg);
  }

  @Test
  void a_missing_bottom_band_is_a_gap() throws IOException {
    String msg = failure(variant(CONVERSION, "{name: D, to: 2.0,", "{name: D, from: 1.0, to: 2.0,"));
    assertTrue(msg.contains("tiers"), msg);
    assertTrue(msg.contains("below 1 "), msg);
  }

  @Test
  void an_unknown_key_fails_naming_it() throws IOException {
    String msg = failure(variant(VALUE, "grading:", "gradign: {}\ngrading:"));
    assertTrue(msg.contains("gradign"), msg);
    assertTrue(msg.contains("unknown key"), msg);
    assertTrue(msg.contains("customer-value.yaml"), msg);
  }

  @Test
  void an_unknown_key_inside_a_band_fails_with_its_path() throws IOException {
    String msg = failure(variant(VALUE, "{name: C, from: 40, to: 60}", "{name: C, from: 40, upto: 60}"));
    assertTrue(msg.contains("tiers[3]"), msg);
    assertTrue(msg.contains("upto"), msg);
  }

  @Test
  void weights_that_do_not_sum_to_one_fail() throws IOException {
    String msg = failure(variant(CONVERSION, "satisfaction_score: 0.3", "satisfaction_score: 0.2"));
    assertTrue(msg.contains("sum to 0.9"), msg);
    assertTrue(msg.contains("weights"), msg);
  }

  @Test
  void weights_with_too_many_places_fail() throws IOException {
    String msg = failure(variant(CONVERSION, "intention_score: 0.4 ", "intention_score: 0.405 "));
    assertTrue(msg.contains("weights.intention_score"), msg);
  }

  @Test
  void an_unknown_rule_type_fails() throws IOException {
    String msg = failure(variant(VALUE, "type: points_per_unit, of: consultation_count",
        "type: points_per_unti, of: consultation_count"));
    assertTrue(msg.contains("scores.consultation_points.type"), msg);
    assertTrue(msg.contains("points_per_unti"), msg);
  }

  @Test
  void a_bad_cadence_period_fails() throws IOException {
    String msg = failure(variant(CONVERSION, "period: P7D", "period: weekly"));
    assertTrue(msg.contains("tiers[0].period"), msg);
  }

  @Test
  void band_contains_respects_each_edge() {
    Band middle = new Band(new BigDecimal("10000"), true, new BigDecimal("50000"), true);
    assertTrue(middle.contains(new BigDecimal("10000")));
    assertTrue(middle.contains(new BigDecimal("50000.00")));
    assertTrue(!middle.contains(new BigDecimal("50000.01")));
    assertTrue(!middle.contains(new BigDecimal("9999.99")));
  }
}
