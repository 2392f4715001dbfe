package com.customerrating.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.customerrating.testing.Shipped;
import com.customerrating.sink.Tables;
import com.customerrating.testing.SparkTestSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guard against publishing a broken delivery: one bad city-year never takes the others down. */
class PublishGuardTest {

  @TempDir
  Path tmp;

  @Test
  void aBrokenDeliveryKeepsItsPreviousRowsWhileTheOthersPublish() throws Exception {
    Path in = JobProcess.sample(tmp.resolve("in"), 20, 3L, 2024, 2025);
    Path wh = tmp.resolve("warehouse");
    Path q = tmp.resolve("quarantine");
    JobProcess.Outcome first = JobProcess.runInProcess(in, wh, q, "run-1", JobProcess.SKIP_ANALYTICS);
    assertEquals(0, first.exit(), first.all());
    Path conv = wh.resolve(Shipped.CONVERSION_RATINGS);
    Path value = wh.resolve(Shipped.VALUE_RATINGS);
    List<String> hz2025 = partition(conv, "hangzhou", 2025);
    List<String> cd2025 = partition(value, "chengdu", 2025);
    List<String> hz2024 = partition(conv, "hangzhou", 2024);

    // hangzhou 2025: 5 of 20 rows break a rule (25% > max_reject_rate 10%).
    Path hz = in.resolve("hangzhou/2025/consultations.csv");
    List<String> lines = new ArrayList<>(Files.readAllLines(hz, StandardCharsets.UTF_8));
    for (int i = 1; i <= 5; i++) {
      lines.set(i, lines.get(i).replaceAll(",[0-9],([0-9]),([0-9]),", ",7,$1,$2,"));
    }
    Files.write(hz, lines, StandardCharsets.UTF_8);
    // chengdu 2025: a required column renamed.
    Path cd = in.resolve("chengdu/2025/customers.csv");
    lines = new ArrayList<>(Files.readAllLines(cd, StandardCharsets.UTF_8));
    lines.set(0, lines.get(0).replace("cumulative_amount", "amount"));
    Files.write(cd, lines, StandardCharsets.UTF_8);
    // hangzhou 2024: a header and no rows.
    Path hz24 = in.resolve("hangzhou/2024/consultations.csv");
    Files.writeString(hz24, Files.readAllLines(hz24, StandardCharsets.UTF_8).get(0) + "\n", StandardCharsets.UTF_8);

    JobProcess.Outcome second = JobProcess.runInProcess(in, wh, q, "run-2");
    assertEquals(3, second.exit(), "partial: chengdu 2024 still publishes\n" + second.all());

    assertEquals(hz2025, partition(conv, "hangzhou", 2025), "refused delivery: the previous rows stay");
    assertEquals(cd2025, partition(value, "chengdu", 2025), "unreadable delivery: the previous rows stay");
    assertEquals(hz2024, partition(conv, "hangzhou", 2024), "empty delivery: the previous rows stay");
    List<Row> cd2024 = SparkTestSession.get().read().format("delta").load(value.toString())
        .where("city = 'chengdu' AND snapshot_year = 2024").select("run_id").distinct().collectAsList();
    assertEquals("[[run-2]]", cd2024.toString(), "the good delivery was published by the second run");

    Map<String, Row> log = SparkTestSession.get().read().format("delta").load(wh.resolve(Tables.RUN_LOG).toString())
        .where("run_id = 'run-2'").collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getAs("city") + "/" + r.getAs("snapshot_year"), r -> r));
    assertEquals("succeeded", log.get("chengdu/2024").getAs("outcome"));
    assertEquals("rejected_delivery", log.get("hangzhou/2025").getAs("outcome"));
    assertTrue(log.get("hangzhou/2025").<String>getAs("message").contains("5 of 20 rows rejected"),
        log.get("hangzhou/2025").<String>getAs("message"));
    assertTrue(log.get("hangzhou/2025").<String>getAs("message").contains("above max_reject_rate 0.1"), log.get("hangzhou/2025").<String>getAs("message"));
    String m = log.get("chengdu/2025").getAs("message");
    assertEquals("rejected_delivery", log.get("chengdu/2025").getAs("outcome"));
    assertTrue(m.contains("customers.csv") && m.contains("missing required column cumulative_amount"), m);
    assertEquals("rejected_delivery", log.get("hangzhou/2024").getAs("outcome"));
    assertTrue(log.get("hangzhou/2024").<String>getAs("message").contains("no data rows"));
    assertTrue(second.all().contains("missing required column cumulative_amount"), "the summary names the column");
  }

  private static List<String> partition(Path table, String city, int year) {
    return SparkTestSession.get().read().format("delta").load(table.toString())
        .where("city = '" + city + "' AND snapshot_year = " + year).collectAsList().stream()
        .map(Row::toString).sorted().toList();
  }
}
