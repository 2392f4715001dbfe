package com.customerrating.model;

import com.customerrating.model.input.DatasetSchema;
import com.customerrating.model.rules.ColumnInfo;
import com.customerrating.model.rules.ScoreRule;
import com.customerrating.model.rules.ValueRange;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rating scheme as its model file declares it: the dataset's columns and checks, the sub-scores
 * (rules of a few types), the grading into tiers with their actions, the roles of the columns the
 * analyses use, and the ratings table it writes. The code knows rule types; every name of a model, a
 * column or a table comes from the file.
 *
 * @param scores the sub-scores in file order (the table's column order)
 * @param levels the same rules by dependency depth: a level reads only inputs and lower levels
 * @param scale the range every score column of the table is held to, or null (then the scores' own
 *     ranges): a table constraint, so it should not change from one model version to the next
 * @param columns every column of the table the model writes, by name (inputs and outputs)
 * @param warnings problems that do not stop a run, such as tiers no input can reach; they go into the report
 */
public record RatingModel(
    String id,
    int version,
    String source,
    String title,
    String table,
    DatasetSchema inputs,
    List<ScoreRule> scores,
    List<List<ScoreRule>> levels,
    Grading grading,
    Roles roles,
    ValueRange scale,
    Map<String, ColumnInfo> columns,
    List<String> warnings) implements Serializable {

  public List<String> tierNames() {
    return grading.tierNames();
  }

  /** The graded value's range over every valid input (for the composite of seed 001: [3.00, 72.00]). */
  public ValueRange gradedRange() {
    return columns.get(grading.of()).range();
  }

  /** The columns of the ratings table this model computes, in order: inputs, sub-scores, grading. */
  public List<ColumnInfo> outputColumns() {
    List<ColumnInfo> out = new ArrayList<>();
    inputs.published().forEach(f -> out.add(columns.get(f.name())));
    for (ScoreRule r : scores) {
      out.addAll(r.outputs());
    }
    out.addAll(grading.outputs(gradedRange().nullable()));
    return out;
  }

  /** Whether a rule, or the follow-up date, needs the snapshot's as-of date. */
  public boolean needsAsOf() {
    return Grading.AS_OF.equals(grading.followUpFrom()) || scores.stream().anyMatch(ScoreRule::needsAsOf);
  }

  /** Column name → type name of the table's computed columns, to compare two models sharing a table. */
  public Map<String, String> tableSignature() {
    Map<String, String> out = new LinkedHashMap<>();
    outputColumns().forEach(c -> out.put(c.name(), c.type().sqlType()));
    return out;
  }
}
