package com.customerrating.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Point2D;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Each chart type as a strict SVG viewer takes it; see {@link SvgCheck} for what is checked and how. */
class ChartsSvgTest {

  private static final Map<String, String> CHARTS = ChartSamples.all();

  @Test
  void everyChartIsWellFormedAndItsTextFitsItsViewBox() {
    assertEquals(List.of("tierBar", "tierPie", "pyramid", "pareto", "rfmBar", "conversionBar"),
        List.copyOf(CHARTS.keySet()));
    for (Map.Entry<String, String> e : CHARTS.entrySet()) {
      SvgCheck.assertChartWellFormed(e.getKey(), e.getValue());
    }
  }

  @Test
  void aPageOfChartsIsCheckedChartByChart() {
    StringBuilder html = new StringBuilder("<!doctype html><html><head><style>svg { display: block; }</style></head><body>");
    CHARTS.values().forEach(svg -> html.append("<section><p>chart 图</p>").append(svg).append("</section>"));
    assertEquals(CHARTS.size(), SvgCheck.assertChartsWellFormed(html.append("</body></html>").toString()));
    assertEquals(0, SvgCheck.assertChartsWellFormed("<p>no chart</p>"));
  }

  @Test
  void theTextIsTextThatNamesTheFontList() {
    // The titles of vertical axes are rotated: they must stay <text>, not glyph outlines drawn from the JVM's fonts.
    assertTrue(texts(CHARTS.get("tierBar")).contains("customers 客户数"));
    assertTrue(texts(CHARTS.get("conversionBar")).contains("conversion rate 转化率 (%)"));
    assertTrue(texts(CHARTS.get("pareto")).contains("% of revenue 收入占比"));
    assertTrue(texts(CHARTS.get("pareto")).contains("% of customers, by amount 客户占比 (按金额降序)"));
    assertTrue(texts(CHARTS.get("conversionBar")).contains("overall 总体 26.1%"));
    assertTrue(texts(CHARTS.get("rfmBar")).stream().anyMatch(t -> t.strip().equals("重要价值 champions")));
    for (String svg : CHARTS.values()) {
      assertTrue(svg.contains("font-family: " + Charts.FONT_FAMILY + ";"));
    }
    assertEquals(List.of("Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC", "sans-serif"),
        SvgCheck.families(Charts.FONT_FAMILY));
  }

  @Test
  void everyPyramidDetailIsShownWhole() {
    String joined = String.join(" ", texts(CHARTS.get("pyramid")));
    for (String part : List.of("VIP客户 VIP", "7 家 customers", "1.2% of customers", "18.3% of revenue", "小客户 small",
        "123,456 家 customers", "80.0% of customers", "19.8% of revenue")) {
      assertTrue(joined.contains(part), part + " in " + joined);
    }
  }

  @Test
  void chartsAtTheEdgesStayWellFormedAndInside() {
    Map<String, String> edges = ChartSamples.edgeCases();
    assertEquals(List.of("longPyramid", "longMarker", "paretoAt90", "paretoAt1", "smallSlices"), List.copyOf(edges.keySet()));
    for (Map.Entry<String, String> e : edges.entrySet()) {
      SvgCheck.assertChartWellFormed(e.getKey(), e.getValue());
    }
    // The long details are wrapped, not cut: every part is there.
    String joined = String.join(" ", texts(edges.get("longPyramid")));
    for (String part : List.of("1,234,567 家 customers", "100.0% of revenue", "客户", "12,345,678 家 customers")) {
      assertTrue(joined.contains(part), part + " in " + joined);
    }
  }

  // The check itself: it must fail on what the charts used to be.

  @Test
  void theCheckRejectsSingleQuotedFontNamesInASingleQuotedAttribute() {
    String broken = "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 100 50'><text x='5' y='20'"
        + " style='fill: rgb(64,64,64); font-family: 'Noto Sans CJK SC','Noto Sans SC',sans-serif; font-size: 12px;'>客户</text></svg>";
    List<String> p = SvgCheck.problems(broken);
    assertEquals(1, p.size(), p.toString());
    assertTrue(p.get(0).startsWith("not well-formed XML"), p.toString());
    assertThrows(AssertionFailedError.class, () -> SvgCheck.assertChartsWellFormed("<div>" + broken + "</div>"));
  }

  @Test
  void theCheckRejectsFontListsWithoutCjkOrGenericAndTextWithoutSize() {
    assertEquals(2, SvgCheck.problems(svg("<text x='5' y='20' style='font-family: Arial; font-size: 12px;'>a</text>")).size());
    assertEquals(1, SvgCheck.problems(svg("<text x='5' y='20' style='font-family: \"Noto Sans SC\", \"sans-serif\";"
        + " font-size: 12px;'>a</text>")).size());
    assertEquals(1, SvgCheck.problems(svg("<text x='5' y='20' style='font-family: \"Noto Sans SC\", sans-serif;'>a</text>")).size());
    assertEquals(List.of(), SvgCheck.problems(svg("<text x='5' y='20' style='font-family: \"Noto Sans SC\", sans-serif;"
        + " font-size: 12px;'>a</text>")));
  }

  @Test
  void theCheckFollowsTransformsOntoTheViewBox() {
    String font = " style='font-family: \"Noto Sans CJK SC\", sans-serif; font-size: 12px;'";
    // JFreeSVG's rotated axis title: a group with matrix(0,-1,1,0,…) turning (x, y) into (y + e, −x + f).
    String rotated = "<g transform='matrix(0.0,-1.0,1.0,0.0,-116.5,160.5)'><text x='100' y='130'" + font + ">客户数</text></g>";
    assertEquals(List.of(), SvgCheck.problems(svg(rotated)));
    Element t = firstText(svg(rotated));
    Point2D at = SvgCheck.position(t);
    assertEquals(130 - 116.5, at.getX(), 1e-9);
    assertEquals(-100 + 160.5, at.getY(), 1e-9);
    // The same text turned the other way runs up out of the top.
    assertEquals(1, SvgCheck.problems(svg("<g transform='rotate(-90 20 20)'><text x='20' y='20'" + font
        + ">customers 客户数 customers</text></g>")).size());
    // Nested translates add up; the text's own transform counts too.
    assertEquals(1, SvgCheck.problems(svg("<g transform='translate(100)'><g transform='translate(80, 0)'><text x='0' y='20'"
        + font + ">客户</text></g></g>")).size());
    assertEquals(1, SvgCheck.problems(svg("<text transform='translate(190 0)' x='0' y='20'" + font + ">客户</text>")).size());
    assertEquals(List.of(), SvgCheck.problems(svg("<text transform='scale(0.5)' x='300' y='40'" + font + ">客户</text>")));
    // Text cut at the right edge, as the conversion chart's marker label was.
    List<String> cut = SvgCheck.problems(svg("<text x='120' y='20'" + font + ">overall 总体 26.1%</text>"));
    assertEquals(1, cut.size());
    assertTrue(cut.get(0).contains("leaves the viewBox"), cut.toString());
    // Two labels on one another, as a pie's small slices' were.
    assertEquals(1, SvgCheck.problems(svg("<text x='5' y='20'" + font + ">S: 1.7%</text><text x='10' y='24'"
        + font + ">A: 9.2%</text>")).size());
  }

  private static String svg(String body) {
    return "<svg xmlns='http://www.w3.org/2000/svg' width='200' height='100' viewBox='0 0 200 100'>" + body + "</svg>";
  }

  private static Element firstText(String svg) {
    return (Element) document(svg).getElementsByTagNameNS(SvgCheck.SVG_NS, "text").item(0);
  }

  private static List<String> texts(String svg) {
    NodeList nl = document(svg).getElementsByTagNameNS(SvgCheck.SVG_NS, "text");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < nl.getLength(); i++) {
      out.add(nl.item(i).getTextContent());
    }
    return out;
  }

  private static Document document(String svg) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      var b = f.newDocumentBuilder();
      b.setErrorHandler(new org.xml.sax.helpers.DefaultHandler());
      return b.parse(new InputSource(new StringReader(svg)));
    } catch (Exception e) {
      throw new AssertionError("not well-formed: " + e, e);
    }
  }
}
