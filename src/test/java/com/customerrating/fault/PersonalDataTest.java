package com.customerrating.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.customerrating.testing.SparkTestSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contact names and phone numbers never reach the warehouse or the job's output; the quarantine
 * keeps raw rows (with them) so a bad row can be repaired.
 */
class PersonalDataTest {

  @TempDir
  Path tmp;

  @Test
  void contactDataNeverReachesTheWarehouseOrTheLogs() throws Exception {
    Path in = JobProcess.sample(tmp.resolve("in"), 30, 11L, 2025);
    // One bad row: it goes to the quarantine with its raw text (the positive control of the scan).
    Path hz = in.resolve("hangzhou/2025/consultations.csv");
    String row = Files.readAllLines(hz, StandardCharsets.UTF_8).get(1);
    String[] f = row.split(",", -1);
    f[0] = "HZBAD";
    f[5] = "欧阳测试";
    f[6] = "19912345678";
    f[10] = "8";
    Files.writeString(hz, String.join(",", f) + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

    Set<String> personal = new HashSet<>();
    Set<String> other = new HashSet<>();
    for (Path csv : List.of(hz, in.resolve("chengdu/2025/customers.csv"))) {
      List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
      List<String> header = List.of(lines.get(0).split(","));
      for (String l : lines.subList(1, lines.size())) {
        String[] v = l.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1); // commas outside quotes
        for (int i = 0; i < v.length; i++) {
          (header.get(i).startsWith("contact_") ? personal : other).add(v[i].replace("\"", ""));
        }
      }
    }
    // A contact name that is also, say, a sales owner's name is not personal data in the other column.
    personal.removeIf(p -> p.isBlank() || other.stream().anyMatch(o -> o.contains(p)));
    assertTrue(personal.size() > 40, "contact names and phones to look for: " + personal.size());

    Path root = tmp.resolve("run");
    JobProcess.Outcome o = JobProcess.run(root, "job", List.of(),
        List.of("--input-root", in.toString(), "--warehouse", root.resolve("warehouse").toString(),
            "--quarantine", root.resolve("quarantine").toString(), "--run-id", "pii",
            "--reports", root.resolve("reports").toString()));
    assertEquals(0, o.exit(), o.all());
    assertTrue(o.all().contains("rejected"), o.all());

    List<String> leaks = new ArrayList<>();
    for (String p : personal) {
      if (o.all().contains(p)) {
        leaks.add("job output: " + p);
      }
    }
    // Every file of the warehouse as bytes (parquet pages, Delta log and its statistics) ...
    List<String> fileTexts = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root.resolve("warehouse"))) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        fileTexts.add(p + "\n" + new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
      }
    }
    // ... and every parquet file decoded, in case a page is compressed.
    try (Stream<Path> s = Files.walk(root.resolve("warehouse"))) {
      for (Path p : s.filter(x -> x.toString().endsWith(".parquet")).toList()) {
        for (Row r : SparkTestSession.get().read().parquet(p.toString()).toJSON().collectAsList().stream()
            .map(j -> org.apache.spark.sql.RowFactory.create(j)).toList()) {
          fileTexts.add(p + "\n" + r.getString(0));
        }
      }
    }
    assertTrue(fileTexts.size() > 10, "nothing scanned");
    for (String t : fileTexts) {
      for (String p : personal) {
        if (t.contains(p)) {
          leaks.add(t.substring(0, t.indexOf('\n')) + ": " + p);
        }
      }
    }
    assertEquals(List.of(), leaks, "personal data found");

    String quarantine = SparkTestSession.get().read().format("delta")
        .load(root.resolve("quarantine/rejected_records").toString()).toJSON().collectAsList().toString();
    assertTrue(quarantine.contains("19912345678") && quarantine.contains("欧阳测试"),
        "the quarantine keeps the raw row (and the scan finds text): " + quarantine);
  }
}
