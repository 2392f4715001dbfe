package com.customerrating.model;

import com.customerrating.config.ConfigNode;
import java.nio.file.Path;

/** Loads a model file and checks it: unknown keys, gaps and overlaps fail; unreachable tiers warn. */
public final class ModelLoader {

  private ModelLoader() {}

  public static RatingModel load(Path file) {
    ConfigNode root = ConfigNode.load(file);
    String id = root.string("id");
    int version = root.integer("version");
    String type = root.string("type");
    return switch (type) {
      case ConversionModel.TYPE -> ConversionModel.load(root, id, version);
      case ValueModel.TYPE -> ValueModel.load(root, id, version);
      default -> throw root.error("type", "unknown model type '" + type + "' (known: "
          + ConversionModel.TYPE + ", " + ValueModel.TYPE + ")");
    };
  }
}
