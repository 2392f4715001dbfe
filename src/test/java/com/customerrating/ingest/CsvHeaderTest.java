package com.customerrating.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The header row read from a file's first bytes, as Spark's CSV reader takes it. */
class CsvHeaderTest {

  @Test
  void theFirstNonBlankRecordSplitOutsideQuotes() {
    assertEquals(List.of("a", "b,c", "d\"e"), RawReader.headerOf("\uFEFF a ,\"b,c\",\"d\"\"e\"\r\n1,2,3\n", ",", false));
    assertEquals(List.of("a", "b"), RawReader.headerOf("\n  \na;b\n", ";", false));
    assertEquals(List.of("x", "y"), RawReader.headerOf("x\ty", "\t", true), "a whole file without a line break");
  }

  @Test
  void aHeaderThatDoesNotEndInTheProbeIsLeftToSpark() {
    assertNull(RawReader.headerOf("a,b,c", ",", false));
    assertNull(RawReader.headerOf("\"a\nb", ",", false));
    assertNull(RawReader.headerOf("\n\n", ",", true), "only blank lines: no header");
  }
}
