package com.customerrating.model;

import java.io.Serializable;

/**
 * A percentile rank bucket: a row belongs to it when {@code 100 * greater < topPercent * N} and it
 * belongs to no better bucket (the spec's integer comparison; never a floating-point fraction).
 */
public record RankBucket(int topPercent, int amountPoints, int repurchasePoints) implements Serializable {}
