package com.customerrating.model.rules;

import java.util.List;

/** A rule that reads one column, {@link #of()}, and writes one, {@link #info()}. */
public interface SingleColumnRule extends ScoreRule {

  /** The column it reads. */
  String of();

  @Override
  ColumnInfo info();

  @Override
  default List<String> reads() {
    return List.of(of());
  }

  @Override
  default List<ColumnInfo> outputs() {
    return List.of(info());
  }
}
