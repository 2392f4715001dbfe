package com.customerrating.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.labels.StandardPieSectionLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PiePlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.general.DefaultPieDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * The report's charts: JFreeChart drawn into JFreeSVG, returned as an inline {@code <svg>}
 * element (no external resources). Each chart gets its own defs prefix so that several charts can
 * share one page. Figures arrive as doubles only for drawing; the tables beside them print the
 * exact decimals.
 */
final class Charts {

  static {
    System.setProperty("java.awt.headless", "true");
    // JFreeChart draws rotated text (the vertical axes' titles) through a TextLayout by default, a workaround for
    // an old JDK raster bug. Into SVG that becomes glyph outlines from whatever fonts this JVM has: boxes for the
    // Chinese where it has no CJK font. Plain drawString gives a <text> element the browser draws itself.
    TextUtils.setUseDrawRotatedStringWorkaround(false);
  }

  /** The fonts that draw the report's Chinese, best first; browsers take the first one installed. */
  static final List<String> CJK_FAMILIES = List.of("Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC");
  /**
   * The CSS font list every chart's text names. JFreeSVG writes the font function's answer as it is into an
   * attribute it quotes with {@code '}, so the names here are quoted with {@code "} (as JFreeSVG's own
   * StandardFontFunction does): a {@code '} would end the attribute.
   */
  static final String FONT_FAMILY = "\"Noto Sans CJK SC\", \"Noto Sans SC\", \"Microsoft YaHei\", \"PingFang SC\", sans-serif";
  /**
   * The Java font the charts are laid out with: the first CJK font of {@link #CJK_FAMILIES} this JVM has, so that
   * JFreeChart measures text as wide as a browser draws it; else the logical sans-serif (then see {@link #textWidth}).
   */
  static final String JAVA_FAMILY = javaFamily();
  private static final Font BASE = new Font(JAVA_FAMILY, Font.PLAIN, 12);
  private static final Font SMALL = new Font(JAVA_FAMILY, Font.PLAIN, 11);
  private static final Font BOLD = new Font(JAVA_FAMILY, Font.BOLD, 12);
  private static final FontRenderContext FRC = new FontRenderContext(null, true, true);
  /** Browsers and their fonts draw a string some per cent wider or narrower than Java measures it: room for that. */
  private static final double FIT = 1.1;
  static final Color[] PALETTE = {
      new Color(0x1f4e79), new Color(0x2e75b6), new Color(0x5b9bd5), new Color(0x9dc3e6), new Color(0xc9d9ea),
      new Color(0x7f7f7f)};
  static final Color[] CATEGORICAL = {
      new Color(0x1f4e79), new Color(0x2e75b6), new Color(0xed7d31), new Color(0x70ad47), new Color(0xa5a5a5),
      new Color(0xffc000)};
  private static final Color ACCENT = new Color(0xc55a11);
  private static final AtomicInteger IDS = new AtomicInteger();

  private static String javaFamily() {
    List<String> installed = List.of(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames());
    return CJK_FAMILIES.stream().filter(installed::contains).findFirst().orElse(Font.SANS_SERIF);
  }

  /**
   * About how wide a browser draws {@code s} in {@code f}'s size: Java's measure, except that a character the Java
   * font cannot show (the JVM has no CJK font) counts a full em, as CJK fonts draw ideographs.
   */
  static double textWidth(String s, Font f) {
    double w = f.getStringBounds(s, FRC).getWidth();
    for (int i = 0; i < s.length(); i += Character.charCount(s.codePointAt(i))) {
      int cp = s.codePointAt(i);
      if (!f.canDisplay(cp)) {
        w += f.getSize2D() - f.getStringBounds(new String(Character.toChars(cp)), FRC).getWidth();
      }
    }
    return w;
  }

  private Charts() {}

  record Bar(String category, double value, String label) {}

  record Point(double x, double y) {}

  /** Vertical bars, one per category, each labelled. */
  static String bars(List<Bar> bars, String valueAxis, int width, int height, Double markerValue, String markerLabel) {
    return bars(bars, valueAxis, width, height, markerValue, markerLabel, false);
  }

  /** Bars; horizontal ones leave room for long (bilingual) category labels. */
  static String bars(List<Bar> bars, String valueAxis, int width, int height, Double markerValue, String markerLabel,
      boolean horizontal) {
    DefaultCategoryDataset ds = new DefaultCategoryDataset();
    String pad = horizontal ? padding(bars, BASE) : "";
    for (Bar b : bars) {
      ds.addValue(b.value(), "s", b.category() + pad);
    }
    JFreeChart chart = ChartFactory.createBarChart(null, null, valueAxis, ds,
        horizontal ? PlotOrientation.HORIZONTAL : PlotOrientation.VERTICAL, false, false, false);
    CategoryPlot plot = chart.getCategoryPlot();
    style(chart);
    plot.setRangeGridlinePaint(new Color(0xdddddd));
    if (horizontal) {
      plot.setRangeAxisLocation(org.jfree.chart.axis.AxisLocation.BOTTOM_OR_LEFT);
    }
    BarRenderer r = (BarRenderer) plot.getRenderer();
    r.setBarPainter(new StandardBarPainter());
    r.setShadowVisible(false);
    r.setSeriesPaint(0, PALETTE[1]);
    r.setMaximumBarWidth(horizontal ? 0.07 : 0.12);
    r.setDefaultItemLabelsVisible(true);
    r.setDefaultItemLabelFont(SMALL);
    r.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator() {
      @Override
      public String generateLabel(org.jfree.data.category.CategoryDataset d, int row, int column) {
        return bars.get(column).label();
      }
    });
    plot.getDomainAxis().setTickLabelFont(BASE);
    plot.getRangeAxis().setTickLabelFont(SMALL);
    plot.getRangeAxis().setLabelFont(SMALL);
    ((NumberAxis) plot.getRangeAxis()).setUpperMargin(0.15);
    if (markerValue != null) {
      ValueMarker m = new ValueMarker(markerValue, ACCENT, new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
          BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f));
      m.setLabel(markerLabel);
      m.setLabelFont(SMALL);
      m.setLabelPaint(ACCENT);
      m.setLabelBackgroundColor(new Color(255, 255, 255, 0));
      m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
      m.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
      // The label is placed by its Java width and drawn from its left end: keep its browser width clear of the edge.
      double wider = Math.max(0, textWidth(markerLabel, SMALL) * FIT - SMALL.getStringBounds(markerLabel, FRC).getWidth());
      m.setLabelOffset(new org.jfree.chart.ui.RectangleInsets(2, 2, 2, 8 + wider));
      plot.addRangeMarker(m);
    }
    return svg(chart, width, height);
  }

  /**
   * Horizontal bars' category labels are set right-aligned by their Java width but drawn from their left end, so
   * each runs on by as much as the browser draws it wider (CJK the JVM has no font for). Trailing em spaces, which
   * the browser draws blank, take that room for the widest shortfall; one more keeps the labels off the axis. All
   * labels get the same, so that their right edges line up.
   */
  private static String padding(List<Bar> bars, Font f) {
    double shortfall = 0;
    for (Bar b : bars) {
      shortfall = Math.max(shortfall, textWidth(b.category(), f) - f.getStringBounds(b.category(), FRC).getWidth());
    }
    return "\u2003".repeat(1 + (int) Math.ceil(shortfall / f.getSize2D()));
  }

  /** A pie of shares; slices with a zero value are left out (their zero shows in the table). */
  static String pie(List<Bar> slices, int width, int height) {
    DefaultPieDataset<String> ds = new DefaultPieDataset<>();
    for (Bar b : slices) {
      if (b.value() > 0) {
        ds.setValue(b.category(), b.value());
      }
    }
    JFreeChart chart = ChartFactory.createPieChart(null, ds, true, false, false);
    style(chart);
    @SuppressWarnings("unchecked")
    PiePlot<String> plot = (PiePlot<String>) chart.getPlot();
    plot.setShadowPaint(null);
    plot.setOutlineVisible(false);
    plot.setLabelFont(SMALL);
    plot.setLabelBackgroundPaint(Color.WHITE);
    plot.setLabelShadowPaint(null);
    plot.setLabelOutlinePaint(new Color(0xbbbbbb));
    plot.setLabelLinkPaint(new Color(0x888888));
    plot.setLabelGenerator(new StandardPieSectionLabelGenerator("{0}: {2}", new java.text.DecimalFormat("0"),
        new java.text.DecimalFormat("0.0%")));
    int i = 0;
    for (Bar b : slices) {
      if (b.value() > 0) {
        plot.setSectionPaint(b.category(), CATEGORICAL[i % CATEGORICAL.length]);
      }
      i++;
    }
    chart.getLegend().setItemFont(SMALL);
    return svg(chart, width, height);
  }

  /** The Pareto (Lorenz) curve: % of customers by amount descending → cumulative % of revenue. */
  static String pareto(List<Point> curve, int markX, double markY, int width, int height) {
    XYSeries s = new XYSeries("cumulative revenue 累计收入", false);
    s.add(0, 0);
    for (Point p : curve) {
      s.add(p.x(), p.y());
    }
    XYSeries eq = new XYSeries("equal share 均匀分布", false);
    eq.add(0, 0);
    eq.add(100, 100);
    XYSeriesCollection ds = new XYSeriesCollection();
    ds.addSeries(s);
    ds.addSeries(eq);
    JFreeChart chart = ChartFactory.createXYLineChart(null, "% of customers, by amount 客户占比 (按金额降序)",
        "% of revenue 收入占比", ds, PlotOrientation.VERTICAL, false, false, false);
    style(chart);
    XYPlot plot = chart.getXYPlot();
    plot.setDomainGridlinePaint(new Color(0xdddddd));
    plot.setRangeGridlinePaint(new Color(0xdddddd));
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
    r.setSeriesPaint(0, PALETTE[0]);
    r.setSeriesStroke(0, new BasicStroke(2.2f));
    r.setSeriesPaint(1, new Color(0x999999));
    r.setSeriesStroke(1, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
    plot.setRenderer(r);
    for (NumberAxis a : List.of((NumberAxis) plot.getDomainAxis(), (NumberAxis) plot.getRangeAxis())) {
      a.setRange(0, 100);
      a.setTickLabelFont(SMALL);
      a.setLabelFont(SMALL);
    }
    ValueMarker vx = new ValueMarker(markX, ACCENT, new BasicStroke(1.2f));
    vx.setLabel(String.format("top %d%% → %.1f%% of revenue", markX, markY));
    vx.setLabelFont(SMALL);
    vx.setLabelPaint(ACCENT);
    vx.setLabelBackgroundColor(Color.WHITE);
    // At the foot of the line, where neither curve passes: right of it, or left when it would not fit there (the
    // plot's width guessed as the chart's less the range axis). JFreeChart widens the line's zero-width area by the
    // offset's left and right and anchors the label on that: it starts 6 px right of the line, or ends 6 px left of
    // it less what the browser may draw wider than Java measures.
    double labelWidth = textWidth(vx.getLabel(), SMALL) * FIT;
    boolean right = markX + 100 * labelWidth / (width - 70.0) < 98;
    vx.setLabelAnchor(right ? RectangleAnchor.BOTTOM_RIGHT : RectangleAnchor.BOTTOM_LEFT);
    vx.setLabelTextAnchor(right ? TextAnchor.BOTTOM_LEFT : TextAnchor.BOTTOM_RIGHT);
    double wider = labelWidth - SMALL.getStringBounds(vx.getLabel(), FRC).getWidth();
    vx.setLabelOffset(new org.jfree.chart.ui.RectangleInsets(2, 6 + wider, 6, 6));
    plot.addDomainMarker(vx);
    return svg(chart, width, height);
  }

  record Layer(String label, String detail) {}

  /**
   * The customer pyramid: one band per layer, best on top; widths are fixed, the text carries the figures. A
   * detail too wide for the room right of the pyramid is wrapped at its " · " and, failing that, drawn smaller.
   */
  static String pyramid(List<Layer> layers, int width, int height) {
    SVGGraphics2D g = graphics(width, height);
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    int n = layers.size();
    int top = 10;
    int bottom = height - 10;
    int apexX = 170;
    int half = 160;
    double band = (bottom - top) / (double) n;
    float textX = apexX + half + 20;
    double room = width - 8 - textX;
    for (int i = 0; i < n; i++) {
      double y0 = top + i * band;
      double y1 = y0 + band - 4;
      double w0 = half * (i + 1.3) / (n + 1.3);
      double w1 = half * (i + 2.3) / (n + 1.3);
      Polygon p = new Polygon(
          new int[] {(int) (apexX - w0), (int) (apexX + w0), (int) (apexX + w1), (int) (apexX - w1)},
          new int[] {(int) y0, (int) y0, (int) y1, (int) y1}, 4);
      g.setPaint(PALETTE[Math.min(i, PALETTE.length - 1)]);
      g.fill(p);
      double middle = (y0 + y1) / 2;
      String name = layers.get(i).label();
      Font nameFont = BOLD;
      while (nameFont.getSize2D() > 8 && textWidth(name, nameFont) * FIT > w0 + w1 - 8) {
        nameFont = nameFont.deriveFont(nameFont.getSize2D() - 1);
      }
      g.setFont(nameFont);
      g.setPaint(i < 2 ? Color.WHITE : new Color(0x1a1a1a));
      g.drawString(name, (float) (apexX - textWidth(name, nameFont) / 2), (float) (middle + 0.33 * nameFont.getSize2D()));
      Font detailFont = BASE;
      List<String> lines = wrap(layers.get(i).detail(), detailFont, room);
      while (detailFont.getSize2D() > 8 && (!fits(lines, detailFont, room) || lines.size() * 1.3 * detailFont.getSize2D() > band - 4)) {
        detailFont = detailFont.deriveFont(detailFont.getSize2D() - 1);
        lines = wrap(layers.get(i).detail(), detailFont, room);
      }
      g.setFont(detailFont);
      g.setPaint(new Color(0x1a1a1a));
      double lineHeight = 1.3 * detailFont.getSize2D();
      double baseline = middle - (lines.size() - 1) * lineHeight / 2 + 0.33 * detailFont.getSize2D();
      for (String line : lines) {
        g.drawString(line, textX, (float) baseline);
        baseline += lineHeight;
      }
    }
    return element(g);
  }

  /** {@code text} in lines no wider than {@code room}, broken only at its " · " (a part wider stays whole). */
  private static List<String> wrap(String text, Font f, double room) {
    List<String> lines = new ArrayList<>();
    String line = null;
    for (String part : text.split(" · ")) {
      String longer = line == null ? part : line + " · " + part;
      if (line != null && textWidth(longer, f) * FIT > room) {
        lines.add(line);
        line = part;
      } else {
        line = longer;
      }
    }
    lines.add(line);
    return lines;
  }

  private static boolean fits(List<String> lines, Font f, double room) {
    return lines.stream().allMatch(l -> textWidth(l, f) * FIT <= room);
  }

  private static void style(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.setAntiAlias(true);
    chart.setTextAntiAlias(true);
    chart.getPlot().setBackgroundPaint(Color.WHITE);
    chart.getPlot().setOutlineVisible(false);
    chart.setPadding(new org.jfree.chart.ui.RectangleInsets(4, 4, 4, 4));
  }

  private static SVGGraphics2D graphics(int width, int height) {
    SVGGraphics2D g = new SVGGraphics2D(width, height);
    g.setDefsKeyPrefix("c" + IDS.incrementAndGet() + "_");
    g.setFontFunction(family -> FONT_FAMILY);
    return g;
  }

  private static String svg(JFreeChart chart, int width, int height) {
    SVGGraphics2D g = graphics(width, height);
    chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
    return element(g);
  }

  private static String element(SVGGraphics2D g) {
    return g.getSVGElement(null, true, new org.jfree.svg.ViewBox(0, 0, (int) g.getWidth(), (int) g.getHeight()), null, null);
  }
}
