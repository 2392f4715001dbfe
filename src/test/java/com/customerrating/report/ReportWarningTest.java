package com.customerrating.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Model warnings as the report shows them: the text as loaded, plus a Chinese line for known kinds. */
class ReportWarningTest {

  @Test
  void anUnreachableTierGetsItsChineseLine() {
    String text = "model customer-value (conf/models/customer-value.yaml): tier S is unreachable: its band [90, +inf)"
        + " lies outside the composite's range [3.00, 72.00] under these weights";
    Map<String, Object> w = ReportView.warning(text);
    assertEquals(text, w.get("text"));
    assertEquals("等级 S 无法达到：其分数区间 [90, +inf) 在当前权重下超出综合分的可能范围 [3.00, 72.00]。", w.get("zh"));
  }

  @Test
  void anyOtherWarningIsShownAsItIs() {
    Map<String, Object> w = ReportView.warning("model x (m.yaml): something else");
    assertEquals("model x (m.yaml): something else", w.get("text"));
    assertFalse(w.containsKey("zh"));
  }
}
