package com.customerrating.report;

import com.customerrating.config.ConfigException;
import com.customerrating.config.ConfigNode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lists of scalars ({@code [S, A, B]}, {@code [4, 5]}) in a config file. {@link ConfigNode} reads
 * mappings and lists of mappings; this reads a scalar list at a node's key path, with the same
 * error style (file and key named). Numbers are kept as their text, never read through a double.
 */
final class ConfigLists {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern STEP = Pattern.compile("([^.\\[]+)((?:\\[\\d+])*)");
  private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

  private ConfigLists() {}

  static List<String> strings(ConfigNode n, String key) {
    JsonNode at;
    try {
      at = YAML.readTree(new File(n.file()));
    } catch (IOException e) {
      throw new ConfigException(n.file() + ": not valid YAML: " + e.getMessage());
    }
    String path = n.path();
    if (!"(root)".equals(path)) {
      for (String step : path.split("\\.")) {
        Matcher m = STEP.matcher(step);
        if (!m.matches()) {
          throw n.error(key, "cannot resolve key path");
        }
        at = at.path(m.group(1));
        Matcher ix = INDEX.matcher(m.group(2));
        while (ix.find()) {
          at = at.path(Integer.parseInt(ix.group(1)));
        }
      }
    }
    JsonNode v = at.get(key);
    if (v == null || v.isNull()) {
      throw n.error(key, "required key is missing");
    }
    if (!v.isArray()) {
      throw n.error(key, "expected a list such as [A, B]");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : v) {
      if (!item.isValueNode() || item.asText().isBlank()) {
        throw n.error(key, "expected a list of plain values, got " + v);
      }
      out.add(item.asText().trim());
    }
    return out;
  }
}
