package com.customerrating.sink;

/**
 * A test hook for crash-safety tests: when the system property {@value #PROPERTY} names a point,
 * the JVM halts there at once ({@code Runtime.halt(137)}: no shutdown hooks, no finally blocks,
 * exactly like a SIGKILL). Without the property, every check is a no-op.
 *
 * <p>Points: {@code after_read}, {@code after_quarantine_commit}, {@code after_ratings_commit},
 * {@code before_run_log_commit} (in JobRunner) and {@code write_task:<table>} (inside a Spark task
 * of the table's write job, while rows are scored and sorted for writing).
 */
public final class CrashPoint {

  public static final String PROPERTY = "rating.crashpoint";
  public static final int EXIT_CODE = 137;

  private CrashPoint() {}

  public static boolean armed(String point) {
    return point.equals(System.getProperty(PROPERTY));
  }

  /** Halts the JVM if {@code point} is the armed crash point. */
  public static void reach(String point) {
    if (armed(point)) {
      halt(point);
    }
  }

  static void halt(String point) {
    System.err.println("crash point '" + point + "' reached: halting the JVM (test hook)");
    System.err.flush();
    Runtime.getRuntime().halt(EXIT_CODE);
  }
}
