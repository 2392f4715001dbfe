package com.customerrating.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The retry loop around Delta commits, without Spark: which failures are a lost race and which are not. */
class CommitRetryTest {

  private final List<String> notices = new ArrayList<>();
  private Consumer<String> saved;

  @BeforeEach
  void captureNotices() {
    saved = DeltaSink.notices;
    DeltaSink.notices = notices::add;
  }

  @AfterEach
  void restoreNotices() {
    DeltaSink.notices = saved;
  }

  /** Spark's AnalysisException is a checked type that Scala code throws undeclared; this throws one the same way. */
  @SuppressWarnings("unchecked")
  private static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
    throw (T) t;
  }

  private static final class CheckedFromScala extends Exception {
    private static final long serialVersionUID = 1L;

    CheckedFromScala(String m) {
      super(m);
    }
  }

  @Test
  void aConstraintAnotherRunAddedMeanwhileIsRetriedEvenWhenThrownAsACheckedException() {
    AtomicInteger calls = new AtomicInteger();
    DeltaSink.withRetry("/w/tier_summary", () -> {
      if (calls.incrementAndGet() == 1) {
        sneakyThrow(new CheckedFromScala("[DELTA_CONSTRAINT_ALREADY_EXISTS] Constraint 'shares_in_range' already exists."));
      }
    });
    assertEquals(2, calls.get());
    assertEquals(1, notices.size(), notices.toString());
  }

  @Test
  void aTableAnotherRunIsStillCreatingIsRetried() {
    AtomicInteger calls = new AtomicInteger();
    DeltaSink.withRetry("/q/rejected_records", () -> {
      if (calls.incrementAndGet() == 1) {
        sneakyThrow(new CheckedFromScala("[DELTA_TABLE_NOT_FOUND] Delta table `/q/rejected_records` doesn't exist."));
      }
    });
    assertEquals(2, calls.get());
  }

  @Test
  void anyOtherCheckedFailureIsNotRetriedAndKeepsItsMessage() {
    AtomicInteger calls = new AtomicInteger();
    RuntimeException e = assertThrows(RuntimeException.class, () -> DeltaSink.withRetry("/w/tier_summary", () -> {
      calls.incrementAndGet();
      sneakyThrow(new CheckedFromScala("[DELTA_VIOLATE_CONSTRAINT_WITH_VALUES] CHECK constraint shares_in_range violated"));
    }));
    assertEquals(1, calls.get());
    assertEquals("[DELTA_VIOLATE_CONSTRAINT_WITH_VALUES] CHECK constraint shares_in_range violated", e.getMessage());
    assertEquals(List.of(), notices);
  }

  @Test
  void aRaceThatNeverEndsGivesUpWithAClearMessage() {
    AtomicInteger calls = new AtomicInteger();
    DeltaSink.ConcurrentWriteFailure e = assertThrows(DeltaSink.ConcurrentWriteFailure.class,
        () -> DeltaSink.withRetry("/w/value_ratings", () -> {
          calls.incrementAndGet();
          throw new java.util.ConcurrentModificationException("lost");
        }));
    assertEquals(DeltaSink.MAX_ATTEMPTS, calls.get());
    assertEquals(true, e.getMessage().startsWith("value_ratings: gave up after " + DeltaSink.MAX_ATTEMPTS + " attempts"),
        e.getMessage());
  }
}
