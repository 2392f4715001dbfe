package com.customerrating.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GraphicsEnvironment;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.geom.Rectangle2D;
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
  private static final FontRenderContext FRC = new FontRenderContext(null, true, true);
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
    for (Bar b : bars) {
      // Java measures CJK text a little narrower than browsers draw it: pad horizontal labels.
      ds.addValue(b.value(), "s", horizontal ? b.category() + "\u2003\u2003" : b.category());
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
      m.setLabelOffset(new org.jfree.chart.ui.RectangleInsets(2, 2, 2, 8));
      plot.addRangeMarker(m);
    }
    return svg(chart, width, height);
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
    vx.setLabelAnchor(RectangleAnchor.CENTER);
    vx.setLabelTextAnchor(TextAnchor.CENTER_LEFT);
    vx.setLabelOffset(new org.jfree.chart.ui.RectangleInsets(2, 8, 2, 2));
    plot.addDomainMarker(vx);
    return svg(chart, width, height);
  }

  record Layer(String label, String detail) {}

  /** The customer pyramid: one band per layer, best on top; widths are fixed, the text carries the figures. */
  static String pyramid(List<Layer> layers, int width, int height) {
    SVGGraphics2D g = graphics(width, height);
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    int n = layers.size();
    int top = 10;
    int bottom = height - 10;
    int apexX = 170;
    int half = 160;
    double band = (bottom - top) / (double) n;
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
      g.setFont(BASE.deriveFont(Font.BOLD));
      g.setPaint(i < 2 ? Color.WHITE : new Color(0x1a1a1a));
      String name = layers.get(i).label();
      FontMetrics fm = g.getFontMetrics();
      Rectangle2D b = fm.getStringBounds(name, g);
      g.drawString(name, (float) (apexX - b.getWidth() / 2), (float) ((y0 + y1) / 2 + 4));
      g.setFont(BASE);
      g.setPaint(new Color(0x1a1a1a));
      g.drawString(layers.get(i).detail(), apexX + half + 20, (float) ((y0 + y1) / 2 + 4));
    }
    return element(g);
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
