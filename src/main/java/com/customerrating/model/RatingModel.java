package com.customerrating.model;

import java.io.Serializable;
import java.util.List;

/** A rating model loaded from its file: identity plus the load-time warnings it carries. */
public sealed interface RatingModel extends Serializable permits ConversionModel, ValueModel {

  String id();

  int version();

  /** The model file it came from. */
  String source();

  /** Problems that do not stop a run, such as tiers no input can reach; they go into the report. */
  List<String> warnings();

  /** Tier (or grade) names, best first. */
  List<String> tierNames();
}
