package com.customerrating.testing;

import com.customerrating.job.RatingJob;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command that starts the job's main class in a child JVM, as spark-submit or
 * {@code jobs/run-local.sh} would: this JVM's java and class path, the Java 17 {@code --add-opens}
 * flags Spark needs, UTC, the given heap and log configuration, Spark's UI off.
 *
 * <p>The JIT stops at its first tier (C1): a child runs the job once on a few dozen rows, and
 * the second tier's compilations would take a core for most of its life without paying off.
 */
public final class ChildJvm {

  private ChildJvm() {}

  /** {@code java <flags> -cp <this class path> RatingJob <args>}. */
  public static List<String> ratingJob(String heap, Path log4j, List<String> sysProps, List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + heap);
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-opens") || a.startsWith("-XX:+IgnoreUnrecognizedVMOptions") || a.startsWith("-Djdk.reflect")) {
        cmd.add(a);
      }
    }
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-Duser.timezone=UTC");
    cmd.add("-Dlog4j.configurationFile=" + log4j);
    cmd.add("-Dspark.ui.enabled=false");
    cmd.addAll(sysProps);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(RatingJob.class.getName());
    cmd.addAll(args);
    return cmd;
  }
}
