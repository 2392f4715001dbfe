package com.customerrating.model.rules;

import java.io.Serializable;

/** A band and what a value in it earns: a grade, a tier or a number of points. */
public record BandedValue<T extends Serializable>(Band band, T value) implements Serializable {}
