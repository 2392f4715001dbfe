package com.customerrating.fault;

import io.delta.storage.HDFSLogStore;
import java.io.IOException;
import java.util.Iterator;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Delta's log store for local files, plus a crash point for tests: with
 * {@code -Drating.crashpoint=commit:<table>} the JVM halts just before it writes the next commit
 * file of that table, when every data file of the commit is already written. Enabled in a job
 * process with {@code -Dspark.delta.logStore.file.impl=} this class.
 */
public class CrashingLogStore extends HDFSLogStore {

  public CrashingLogStore(Configuration conf) {
    super(conf);
  }

  @Override
  public void write(Path path, Iterator<String> actions, Boolean overwrite, Configuration conf) throws IOException {
    String point = System.getProperty("rating.crashpoint", "");
    if (point.startsWith("commit:") && path.getName().endsWith(".json") && path.getParent() != null
        && path.getParent().getName().equals("_delta_log")
        && path.getParent().getParent().getName().equals(point.substring("commit:".length()))) {
      System.err.println("crash point '" + point + "' reached: halting before " + path.getName());
      System.err.flush();
      Runtime.getRuntime().halt(137);
    }
    super.write(path, actions, overwrite, conf);
  }
}
