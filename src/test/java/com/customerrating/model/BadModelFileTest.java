package com.customerrating.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.customerrating.common.ConfigException;
import com.customerrating.config.JobConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each kind of bad model file fails at start-up, before any Spark work, with one line that names
 * the file and the key (RatingJobCliTest shows one through the command line, as a user sees it).
 */
class BadModelFileTest {

  private static final Path MODELS = Path.of("conf/models");

  @TempDir
  Path dir;

  /** A copy of the shipped conf whose model file {@code model} has {@code from} replaced by {@code to}. */
  private Path conf(String model, String from, String to) throws IOException {
    Path models = Files.createDirectories(dir.resolve("models"));
    for (String m : new String[] {"consultation-conversion", "customer-value", "sales-pipeline"}) {
      String text = Files.readString(MODELS.resolve(m + ".yaml"));
      if (m.equals(model)) {
        assertTrue(text.contains(from), "fixture edit must apply: " + from);
        text = text.replace(from, to);
      }
      Files.writeString(models.resolve(m + ".yaml"), text);
    }
    Path datasets = dir.resolve("datasets.yaml");
    Files.copy(Path.of("conf/datasets.yaml"), datasets, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return datasets;
  }

  /** The start-up failure's one line; it names the model file and the key. */
  private String failure(Path datasets, String model, String key) {
    String msg = assertThrows(ConfigException.class, () -> JobConfig.load(datasets)).getMessage();
    assertFalse(msg.contains("\n"), "one line: " + msg);
    assertTrue(msg.contains(dir.resolve("models").resolve(model + ".yaml").toString()), "names the file: " + msg);
    assertTrue(msg.contains(key), "names the key " + key + ": " + msg);
    return msg;
  }

  @Test
  void an_unknown_rule_type() throws IOException {
    String msg = failure(conf("customer-value", "type: count,", "type: counting,"), "customer-value",
        "scores.active_months.type");
    assertTrue(msg.contains("unknown rule type 'counting'") && msg.contains("percentile_bucket"), msg);
  }

  @Test
  void a_rule_that_names_a_column_the_inputs_lack() throws IOException {
    String msg = failure(conf("customer-value", "of: consultation_count, points: 10",
        "of: consultation_cnt, points: 10"), "customer-value", "scores.consultation_points.of");
    assertTrue(msg.contains("no input or score column 'consultation_cnt'"), msg);
  }

  @Test
  void a_check_that_names_a_column_the_inputs_lack() throws IOException {
    String msg = failure(conf("customer-value", "limit: first_contact_date", "limit: first_contract_date"),
        "customer-value", "checks[5].limit");
    assertTrue(msg.contains("first_contract_date"), msg);
  }

  @Test
  void a_rule_that_reads_personal_data() throws IOException {
    String msg = failure(conf("sales-pipeline", "months_to_close: {type: months_until, of: expected_close_date}",
        "months_to_close: {type: months_until, of: contact_phone}"), "sales-pipeline", "scores.months_to_close.of");
    assertTrue(msg.contains("personal data"), msg);
  }

  @Test
  void a_sub_score_that_depends_on_itself() throws IOException {
    String msg = failure(conf("customer-value", "activity_score: {type: sum, of: [consultation_points, transaction_points]}",
        "activity_score: {type: sum, of: [consultation_points, activity_score]}"), "customer-value",
        "scores.activity_score");
    assertTrue(msg.contains("depends on itself: activity_score → activity_score"), msg);
  }

  @Test
  void a_sub_score_that_depends_on_itself_through_others() throws IOException {
    String msg = failure(conf("customer-value", "weights: {stability_score: 0.4, amount_band_points: 0.6}",
        "weights: {stability_score: 0.4, composite_score: 0.6}"), "customer-value", "scores.");
    assertTrue(msg.contains("depends on itself") && msg.contains("contribution_score → composite_score → contribution_score")
        || msg.contains("composite_score → contribution_score → composite_score"), msg);
  }

  @Test
  void a_weight_finer_than_two_places() throws IOException {
    String msg = failure(conf("customer-value", "weights: {amount_rank_points: 0.7, repurchase_rank_points: 0.3}",
        "weights: {amount_rank_points: 0.705, repurchase_rank_points: 0.295}"), "customer-value",
        "scores.value_ranking_score.weights.amount_rank_points");
    assertTrue(msg.contains("at most 2 decimal places"), msg);
  }

  @Test
  void two_models_that_claim_one_ratings_table_with_different_columns() throws IOException {
    String msg = failure(conf("sales-pipeline", "table: pipeline_ratings", "table: value_ratings"), "sales-pipeline",
        "table");
    assertTrue(msg.contains("'value_ratings' is also the ratings table of model customer-value"), msg);
  }

  @Test
  void two_models_may_share_a_table_with_the_same_columns() throws IOException {
    Path datasets = conf("customer-value", "x", "x");
    Path copy = dir.resolve("models/customer-value-b.yaml");
    Files.writeString(copy, Files.readString(dir.resolve("models/customer-value.yaml"))
        .replace("id: customer-value", "id: customer-value-b").replace("{name: B, from: 60, to: 75}",
            "{name: B, from: 50, to: 75}").replace("{name: C, from: 40, to: 60}", "{name: C, from: 40, to: 50}"));
    Files.writeString(datasets, Files.readString(datasets) + "  mianyang:\n    model: customer-value-b\n");
    JobConfig c = JobConfig.load(datasets);
    assertEquals(2, c.modelsOfTable("value_ratings").size());
  }

  @Test
  void a_role_given_a_column_of_the_wrong_type() throws IOException {
    String msg = failure(conf("customer-value", "revenue: cumulative_amount", "revenue: last_transaction_date"),
        "customer-value", "roles.revenue");
    assertTrue(msg.contains("'last_transaction_date' is a date; the revenue role needs a number column"), msg);
    msg = failure(conf("sales-pipeline", "outcome: {column: outcome,", "outcome: {column: estimated_amount,"),
        "sales-pipeline", "roles.outcome.column");
    assertTrue(msg.contains("needs a flag or a text column"), msg);
  }

  @Test
  void a_grading_of_a_value_that_can_be_empty_needs_a_missing_tier() throws IOException {
    String msg = failure(conf("sales-pipeline", "  missing: D ", "  # no missing tier "), "sales-pipeline",
        "grading.missing");
    assertTrue(msg.contains("can be empty"), msg);
  }

  @Test
  void a_score_above_the_table_scale() throws IOException {
    String msg = failure(conf("customer-value", "points: 10, cap: 50", "points: 10, cap: 60"), "customer-value",
        "scores.activity_score");
    assertTrue(msg.contains("outside the scale [0, 100]"), msg);
  }
}
