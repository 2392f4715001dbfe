package com.customerrating.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every chart type of the report, drawn from realistic bilingual figures like the ones ReportBuilder passes. */
final class ChartSamples {

  private ChartSamples() {}

  /** Chart name → inline {@code <svg>} element, in report order; each call draws them anew. */
  static Map<String, String> all() {
    Map<String, String> out = new LinkedHashMap<>();
    List<Charts.Bar> tiers = List.of(
        new Charts.Bar("S", 7, "7 (1.7%)"),
        new Charts.Bar("A", 38, "38 (9.2%)"),
        new Charts.Bar("B", 104, "104 (25.1%)"),
        new Charts.Bar("C", 171, "171 (41.3%)"),
        new Charts.Bar("D", 94, "94 (22.7%)"),
        new Charts.Bar("E", 0, "0 (0.0%)"));
    out.put("tierBar", Charts.bars(tiers, "customers 客户数", 520, 300, null, null));
    out.put("tierPie", Charts.pie(tiers, 420, 300));
    out.put("pyramid", Charts.pyramid(List.of(
        new Charts.Layer("VIP客户 VIP", "7 家 customers · 1.2% of customers · 18.3% of revenue"),
        new Charts.Layer("大客户 big", "1,234 家 customers · 4.0% of customers · 31.7% of revenue"),
        new Charts.Layer("中级客户 mid", "12,345 家 customers · 15.0% of customers · 30.2% of revenue"),
        new Charts.Layer("小客户 small", "123,456 家 customers · 80.0% of customers · 19.8% of revenue")), 760, 240));
    List<Charts.Point> curve = new ArrayList<>();
    for (int pct = 1; pct <= 100; pct++) {
      curve.add(new Charts.Point(pct, 100 * (1 - Math.pow(1 - pct / 100.0, 3.2))));
    }
    out.put("pareto", Charts.pareto(curve, 20, 51.2, 560, 320));
    String[] segments = {"未成交 no purchase yet", "重要价值 champions", "忠诚 loyal", "高消费 big spenders",
        "潜力 potential loyalists", "流失风险 at risk", "重要挽留 can't lose them", "需关注 needs attention",
        "沉睡 hibernating", "已流失 lost", "其他 others"};
    int[] counts = {12, 8_341, 5_020, 1_204, 3_310, 2_087, 640, 4_118, 3_902, 6_015, 977};
    List<Charts.Bar> rfm = new ArrayList<>();
    for (int i = 0; i < segments.length; i++) {
      rfm.add(new Charts.Bar(segments[i], counts[i], String.format("%,d", counts[i])));
    }
    out.put("rfmBar", Charts.bars(rfm, "customers 客户数", 760, 340, null, null, true));
    out.put("conversionBar", Charts.bars(List.of(
        new Charts.Bar("A", 48.6, "48.6%"),
        new Charts.Bar("B", 31.0, "31.0%"),
        new Charts.Bar("C", 17.4, "17.4%"),
        new Charts.Bar("D", 6.9, "6.9%")), "conversion rate 转化率 (%)", 520, 300, 26.1, "overall 总体 26.1%"));
    return out;
  }

  /** Charts at the edges of what the reports pass: long details and labels, a mark far right, many thin slices. */
  static Map<String, String> edgeCases() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("longPyramid", Charts.pyramid(List.of(
        new Charts.Layer("VIP客户 VIP", "1,234,567 家 customers · 100.0% of customers · 100.0% of revenue · 客户"),
        new Charts.Layer("很长的中文层级名称 a very long layer", "12,345,678 家 customers · 99.9% of customers · 99.9% of revenue")),
        760, 240));
    out.put("longMarker", Charts.bars(List.of(new Charts.Bar("A", 10, "10.0%"), new Charts.Bar("B", 90, "90.0%")),
        "conversion rate 转化率 (%)", 520, 300, 55.5, "overall 总体转化率 overall conversion 55.5%"));
    List<Charts.Point> even = new ArrayList<>();
    for (int pct = 1; pct <= 100; pct++) {
      even.add(new Charts.Point(pct, pct));
    }
    out.put("paretoAt90", Charts.pareto(even, 90, 90.0, 560, 320));
    out.put("paretoAt1", Charts.pareto(even, 1, 1.0, 560, 320));
    List<Charts.Bar> slices = new ArrayList<>();
    double[] shares = {0.4, 1.7, 2.1, 3.0, 9.2, 25.1, 58.5};
    for (int i = 0; i < shares.length; i++) {
      slices.add(new Charts.Bar(String.valueOf((char) ('S' + i)), shares[i] * 10, ""));
    }
    out.put("smallSlices", Charts.pie(slices, 420, 300));
    return out;
  }
}
