package com.customerrating.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.customerrating.common.CityYear;
import com.customerrating.testing.SparkSessionFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The progress line names the phase of every thread that works, and only of those. */
class ProgressReporterTest implements SparkSessionFixture {

  /** Runs a small Spark job, lets the listener hear of all its tasks, then takes the line. */
  private String lineAfterAJob(ProgressReporter reporter) throws java.util.concurrent.TimeoutException {
    spark().range(0, 1000, 1, 3).count();
    spark().sparkContext().listenerBus().waitUntilEmpty(30_000L); // task ends arrive asynchronously
    return reporter.line();
  }

  @Test
  void namesEachWorkingThreadsPhaseAndDropsIdleOnes() throws Exception {
    List<String> printed = new ArrayList<>();
    try (ProgressReporter reporter = new ProgressReporter(spark().sparkContext(), printed::add, 3600)) {
      reporter.phase("input 1 MiB: 4 shuffle partitions");
      CountDownLatch posted = new CountDownLatch(2);
      List<CountDownLatch> release = List.of(new CountDownLatch(1), new CountDownLatch(1));
      List<Thread> models = new ArrayList<>();
      for (String model : List.of("consultation-conversion", "customer-value")) {
        CountDownLatch done = release.get(models.size());
        Thread t = new Thread(() -> {
          reporter.phase("scoring " + model);
          posted.countDown();
          try {
            done.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          if (model.equals("consultation-conversion")) {
            reporter.idle();
          }
        });
        t.start();
        models.add(t);
      }
      posted.await();
      reporter.idle(); // this thread waits for the models now

      String both = lineAfterAJob(reporter);
      assertNotNull(both);
      assertTrue(both.contains("scoring consultation-conversion (") && both.contains("scoring customer-value (")
          && both.contains("s); scoring "),
          both);
      assertTrue(!both.contains("shuffle partitions"), both);
      assertTrue(both.matches("… .*: [\\d,]+ rows read, [\\d,]+ rows written, [\\d,]+ tasks so far"), both);

      assertNull(reporter.line(), "no task finished since the last line: no line");

      release.get(0).countDown(); // the first model is done: it goes idle
      models.get(0).join();
      String one = lineAfterAJob(reporter);
      assertNotNull(one);
      assertTrue(one.contains("scoring customer-value") && !one.contains("consultation-conversion"), one);

      release.get(1).countDown(); // the second model's thread ends without going idle
      models.get(1).join();
      String none = lineAfterAJob(reporter);
      assertNotNull(none);
      assertTrue(none.startsWith("… working: "), none);
    }
    assertEquals(List.of(), printed, "the timer (an hour) printed nothing");
  }

  @Test
  void progressMessagesNameTheCitiesAndYears() {
    assertEquals("chengdu/2025", JobRunner.named(List.of(new CityYear("chengdu", 2025))));
    assertEquals("chengdu/2024, chengdu/2025, hangzhou/2025",
        JobRunner.named(List.of(new CityYear("hangzhou", 2025), new CityYear("chengdu", 2025),
            new CityYear("chengdu", 2024))));
    assertEquals("a/2021, a/2022, a/2023 and 2 more", JobRunner.named(List.of(new CityYear("a", 2025),
        new CityYear("a", 2024), new CityYear("a", 2023), new CityYear("a", 2022), new CityYear("a", 2021))));
  }
}
