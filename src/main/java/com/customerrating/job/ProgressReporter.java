package com.customerrating.job;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.spark.SparkContext;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Progress of a long run: every {@code interval} seconds while Spark works, one line with the
 * phase the job is in (its last progress message), the rows read and written so far and the
 * tasks finished. Counts come from the metrics of finished tasks (Spark's listener bus), so they
 * grow task by task; nothing is read from the data for them.
 */
final class ProgressReporter extends SparkListener implements AutoCloseable {

  private final SparkContext sc;
  private final Consumer<String> out;
  private final ScheduledExecutorService timer;
  private final AtomicLong rowsRead = new AtomicLong();
  private final AtomicLong rowsWritten = new AtomicLong();
  private final AtomicLong tasks = new AtomicLong();
  private final AtomicLong tasksAtLastLine = new AtomicLong();
  private volatile String phase = "starting";
  private volatile long phaseStarted = System.currentTimeMillis();

  ProgressReporter(SparkContext sc, Consumer<String> out, long intervalSeconds) {
    this.sc = sc;
    this.out = out;
    sc.addSparkListener(this);
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "progress-reporter");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleAtFixedRate(this::report, intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
  }

  /** The job's own progress message: it names the phase (and the cities and years in it). */
  void phase(String message) {
    phase = message;
    phaseStarted = System.currentTimeMillis();
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    TaskMetrics m = end.taskMetrics();
    if (m != null) {
      rowsRead.addAndGet(m.inputMetrics().recordsRead());
      rowsWritten.addAndGet(m.outputMetrics().recordsWritten());
    }
    tasks.incrementAndGet();
  }

  private void report() {
    long done = tasks.get();
    if (done == tasksAtLastLine.getAndSet(done)) {
      return; // idle (driver-side work): no line
    }
    out.accept(String.format(java.util.Locale.ROOT, "… %s (%ds): %,d rows read, %,d rows written, %,d tasks so far",
        phase, (System.currentTimeMillis() - phaseStarted) / 1000, rowsRead.get(), rowsWritten.get(), done));
  }

  @Override
  public void close() {
    timer.shutdownNow();
    sc.removeSparkListener(this);
  }
}
