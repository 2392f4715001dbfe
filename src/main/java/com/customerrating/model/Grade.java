package com.customerrating.model;

import java.io.Serializable;
import java.time.Period;

/**
 * A conversion grade: its band of composite scores, who follows the customer up and how often.
 *
 * @param ownerLabel bilingual label of the owner, for the report, e.g. "客户经理 account manager"
 * @param cadencePeriod one cadence period, added to the consultation date to get the next follow-up
 */
public record Grade(
    String name, String meaning, String owner, String ownerLabel, String cadence, Period cadencePeriod)
    implements Serializable {}
