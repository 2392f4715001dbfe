package com.customerrating.job;

import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.spark.SparkContext;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Progress of a long run: every {@code interval} seconds while Spark works, one line with the
 * phases the job is in (the last progress message of each thread that works, e.g. of each model
 * running side by side), the rows read and written so far in the run and the tasks finished. Counts come from the metrics of finished tasks (Spark's listener bus), so they
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
  private final Map<Thread, Phase> phases = new ConcurrentHashMap<>();

  private record Phase(String message, long started) {}

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

  /** The job's own progress message: it names the calling thread's phase (and the cities and years in it). */
  void phase(String message) {
    phases.put(Thread.currentThread(), new Phase(message, System.currentTimeMillis()));
  }

  /** The calling thread has no phase any more (it waits for others, or its work is done). */
  void idle() {
    phases.remove(Thread.currentThread());
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
    String line = line();
    if (line != null) {
      out.accept(line);
    }
  }

  /** The progress line now, or null when no task finished since the last one (driver-side work). */
  String line() {
    long done = tasks.get();
    if (done == tasksAtLastLine.getAndSet(done)) {
      return null;
    }
    long now = System.currentTimeMillis();
    String current = phases.entrySet().stream().filter(e -> e.getKey().isAlive()).map(Map.Entry::getValue)
        .sorted(Comparator.comparingLong(Phase::started).thenComparing(Phase::message))
        .map(p -> p.message() + " (" + (now - p.started()) / 1000 + "s)").collect(Collectors.joining("; "));
    return String.format(java.util.Locale.ROOT, "… %s: %,d rows read, %,d rows written, %,d tasks so far",
        current.isEmpty() ? "working" : current, rowsRead.get(), rowsWritten.get(), done);
  }

  @Override
  public void close() {
    timer.shutdownNow();
    sc.removeSparkListener(this);
  }
}
