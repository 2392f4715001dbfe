package com.customerrating.common;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A node of a YAML config file that knows its file and key path, so that every error names both.
 * Numbers are read as exact decimals from their text, never through a double.
 */
public final class ConfigNode {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

  private final String file;
  private final String path;
  private final JsonNode node;

  private ConfigNode(String file, String path, JsonNode node) {
    this.file = file;
    this.path = path;
    this.node = node;
  }

  /** Reads a YAML file; a missing or malformed file fails with its name. */
  public static ConfigNode load(Path file) {
    String name = file.toString();
    if (!Files.isRegularFile(file)) {
      throw new ConfigException(name + ": file not found");
    }
    try {
      JsonNode root = YAML.readTree(file.toFile());
      if (root == null || !root.isObject()) {
        throw new ConfigException(name, "(root)", "expected a mapping of keys");
      }
      return new ConfigNode(name, "", root);
    } catch (IOException e) {
      throw new ConfigException(name + ": not valid YAML: " + e.getMessage());
    }
  }

  public String file() {
    return file;
  }

  /** The dotted key path of this node, e.g. {@code tiers[2].from}. */
  public String path() {
    return path.isEmpty() ? "(root)" : path;
  }

  private String childPath(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  public ConfigException error(String problem) {
    return new ConfigException(file, path(), problem);
  }

  public ConfigException error(String key, String problem) {
    return new ConfigException(file, childPath(key), problem);
  }

  /** Fails on any key not in {@code allowed}: a misspelt key must not be silently ignored. */
  public ConfigNode allowOnly(String... allowed) {
    Set<String> ok = new LinkedHashSet<>(List.of(allowed));
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String k = names.next();
      if (!ok.contains(k)) {
        throw error(k, "unknown key (allowed here: " + String.join(", ", ok) + ")");
      }
    }
    return this;
  }

  public boolean has(String key) {
    JsonNode v = node.get(key);
    return v != null && !v.isNull();
  }

  public ConfigNode child(String key) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      throw error(key, "required key is missing");
    }
    if (!v.isObject()) {
      throw error(key, "expected a mapping");
    }
    return new ConfigNode(file, childPath(key), v);
  }

  public List<String> keys() {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  public List<ConfigNode> list(String key) {
    JsonNode v = array(key, "expected a list");
    List<ConfigNode> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      JsonNode item = v.get(i);
      String p = childPath(key) + "[" + i + "]";
      if (!item.isObject()) {
        throw new ConfigException(file, p, "expected a mapping");
      }
      out.add(new ConfigNode(file, p, item));
    }
    return out;
  }

  public String string(String key) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      throw error(key, "required key is missing");
    }
    if (!v.isValueNode() || v.asText().isBlank()) {
      throw error(key, "expected a non-empty text value");
    }
    return v.asText().trim();
  }

  public String string(String key, String dflt) {
    return has(key) ? string(key) : dflt;
  }

  public BigDecimal decimal(String key) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      throw error(key, "required key is missing");
    }
    if (!v.isNumber()) {
      throw error(key, "expected a number, got '" + v.asText() + "'");
    }
    return new BigDecimal(v.asText());
  }

  public BigDecimal decimal(String key, BigDecimal dflt) {
    return has(key) ? decimal(key) : dflt;
  }

  public int integer(String key) {
    BigDecimal d = decimal(key);
    try {
      return d.intValueExact();
    } catch (ArithmeticException e) {
      throw error(key, "expected a whole number, got " + d.toPlainString());
    }
  }

  public int integer(String key, int dflt) {
    return has(key) ? integer(key) : dflt;
  }

  public boolean bool(String key, boolean dflt) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isBoolean()) {
      throw error(key, "expected true or false, got '" + v.asText() + "'");
    }
    return v.asBoolean();
  }

  /** The list at {@code key}; missing or not a list fails naming the file and key. */
  private JsonNode array(String key, String notAList) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      throw error(key, "required key is missing");
    }
    if (!v.isArray()) {
      throw error(key, notAList);
    }
    return v;
  }

  /** A list of plain values ({@code [S, A, B]}, {@code [4, 5]}), each as its trimmed text. */
  public List<String> stringList(String key) {
    JsonNode v = array(key, "expected a list such as [A, B]");
    List<String> out = new ArrayList<>();
    for (JsonNode item : v) {
      if (!item.isValueNode() || item.asText().isBlank()) {
        throw error(key, "expected a list of plain values, got " + v);
      }
      out.add(item.asText().trim());
    }
    return out;
  }

  /** A mapping of text to text, e.g. column-name overrides. */
  public java.util.Map<String, String> stringMap(String key) {
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    if (!has(key)) {
      return out;
    }
    ConfigNode m = child(key);
    for (String k : m.keys()) {
      out.put(k, m.string(k));
    }
    return out;
  }
}
