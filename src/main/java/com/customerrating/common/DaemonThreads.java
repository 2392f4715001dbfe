package com.customerrating.common;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Fixed pools of named daemon threads, for driver-side work run side by side (models, table writes, report queries). */
public final class DaemonThreads {

  private DaemonThreads() {}

  /** A fixed pool of {@code threads} daemon threads named {@code name}; the caller shuts it down. */
  public static ExecutorService pool(String name, int threads) {
    return Executors.newFixedThreadPool(Math.max(1, threads), r -> {
      Thread th = new Thread(r, name);
      th.setDaemon(true);
      return th;
    });
  }
}
