package com.customerrating.common;

/** A configuration problem, always naming the file and the key at fault. */
public final class ConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ConfigException(String file, String key, String problem) {
    super(file + ": " + key + ": " + problem);
  }

  public ConfigException(String message) {
    super(message);
  }
}
