package com.customerrating.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.customerrating.common.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dataset config: defaults, and failures that name the file and the key. */
class JobConfigTest {

  @TempDir
  Path dir;

  private Path conf(String datasets) throws IOException {
    Path p = dir.resolve("datasets.yaml");
    Files.writeString(p, "models_dir: " + Path.of("conf/models").toAbsolutePath() + "\ndatasets:\n" + datasets);
    return p;
  }

  private String failure(String datasets) throws IOException {
    Path p = conf(datasets);
    String msg = assertThrows(ConfigException.class, () -> JobConfig.load(p)).getMessage();
    assertTrue(msg.contains(p.toString()), "names the file: " + msg);
    return msg;
  }

  @Test
  void shipped_config_maps_both_cities_to_their_models() {
    JobConfig c = JobConfig.load(Path.of("conf/datasets.yaml"));
    assertEquals("consultation-conversion", c.dataset("hangzhou").model().id());
    assertEquals("customer-value", c.dataset("chengdu").model().id());
    assertEquals(StandardCharsets.UTF_8, c.dataset("chengdu").encoding());
    assertEquals(LocalDate.of(2025, 12, 31), c.dataset("chengdu").asOfDate(2025));
    assertEquals(2, c.warnings().size());
  }

  @Test
  void as_of_and_encoding_are_configurable() throws IOException {
    JobConfig c = JobConfig.load(conf("  xian:\n    model: customer-value\n    encoding: GBK\n    as_of: \"06-30\"\n"));
    assertEquals("GBK", c.dataset("xian").encoding().name());
    assertEquals(LocalDate.of(2024, 6, 30), c.dataset("xian").asOfDate(2024));
  }

  @Test
  void unknown_dataset_key_is_named() throws IOException {
    String msg = failure("  xian:\n    model: customer-value\n    encodng: GBK\n");
    assertTrue(msg.contains("datasets.xian.encodng"), msg);
  }

  @Test
  void unknown_encoding_is_named() throws IOException {
    String msg = failure("  xian:\n    model: customer-value\n    encoding: KLINGON-8\n");
    assertTrue(msg.contains("datasets.xian.encoding"), msg);
  }

  @Test
  void missing_model_file_is_named() throws IOException {
    String msg = failure("  xian:\n    model: no-such-model\n");
    assertTrue(msg.contains("datasets.xian.model"), msg);
    assertTrue(msg.contains("no-such-model.yaml"), msg);
  }

  @Test
  void city_names_are_restricted() throws IOException {
    String msg = failure("  \"x'; DROP TABLE t; --\":\n    model: customer-value\n");
    assertTrue(msg.contains("must match"), msg);
  }

  @Test
  void bad_reject_rate_and_as_of_are_named() throws IOException {
    assertTrue(failure("  xian:\n    model: customer-value\n    max_reject_rate: 1.5\n").contains("max_reject_rate"));
    assertTrue(failure("  xian:\n    model: customer-value\n    as_of: \"13-45\"\n").contains("as_of"));
  }

  @Test
  void missing_file_is_named() {
    String msg = assertThrows(ConfigException.class, () -> JobConfig.load(dir.resolve("nope.yaml"))).getMessage();
    assertTrue(msg.contains("nope.yaml"), msg);
  }
}
