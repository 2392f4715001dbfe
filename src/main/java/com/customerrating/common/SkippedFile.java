package com.customerrating.common;

import java.io.Serializable;

/** A file of a delivery folder that the job did not read, and why: run_log and the summary list it. */
public record SkippedFile(String file, String reason) implements Serializable {

  @Override
  public String toString() {
    return file + " (" + reason + ")";
  }
}
