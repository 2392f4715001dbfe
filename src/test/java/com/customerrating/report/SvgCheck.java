package com.customerrating.report;

import static org.junit.jupiter.api.Assertions.fail;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Checks a chart as a strict SVG viewer would take it, needing no font or browser installed:
 * <ul>
 *   <li>it parses as XML on its own (namespace-aware), its root is an SVG {@code <svg>} with a viewBox;
 *   <li>each {@code <text>} names its font size and a font list that holds a CJK font and ends in a generic family;
 *   <li>each {@code <text>}'s box, after the transforms on it and its ancestors, lies inside the viewBox;
 *   <li>no two {@code <text>} boxes overlap.
 * </ul>
 * The box is an estimate, not a browser's layout: its width is Java's measure of the string in the first listed
 * font this JVM has (else the logical sans-serif), a character that font cannot show counted a full em (as CJK
 * fonts draw ideographs), times {@link #WIDTH_SAFETY}; it reaches {@link #ASCENT} em above the baseline and
 * {@link #DESCENT} em below. Browsers with Noto Sans CJK draw the report's strings within that.
 */
public final class SvgCheck {

  static final String SVG_NS = "http://www.w3.org/2000/svg";
  /** Families that draw Chinese; one of them must be in every text's list. */
  static final Set<String> CJK_FONTS = Set.of("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC",
      "Source Han Sans CN", "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "WenQuanYi Micro Hei", "SimHei");
  static final Set<String> GENERIC = Set.of("sans-serif", "serif", "monospace", "system-ui", "cursive", "fantasy");
  /** Browsers and fonts differ from Java's measure by a few per cent; this leaves ten. */
  static final double WIDTH_SAFETY = 1.10;
  static final double ASCENT = 0.90;
  static final double DESCENT = 0.25;
  /** A box may touch the viewBox's edge or another box by this much (px) before it counts. */
  static final double TOLERANCE = 0.5;

  private static final Pattern SVG_ELEMENT = Pattern.compile("<svg[\\s>].*?</svg>", Pattern.DOTALL);
  private static final Pattern TRANSFORM = Pattern.compile("([a-zA-Z]+)\\s*\\(([^)]*)\\)");
  private static final FontRenderContext FRC = new FontRenderContext(null, true, true);
  private static final List<String> INSTALLED = installedFamilies();

  private SvgCheck() {}

  /** Checks every {@code <svg>…</svg>} of an HTML page; returns how many there were. */
  public static int assertChartsWellFormed(String html) {
    Matcher m = SVG_ELEMENT.matcher(html);
    List<String> problems = new ArrayList<>();
    int n = 0;
    while (m.find()) {
      n++;
      for (String p : problems(m.group())) {
        problems.add("chart " + n + ": " + p);
      }
    }
    if (!problems.isEmpty()) {
      fail(problems.size() + " problem(s) in the page's charts:\n" + String.join("\n", problems));
    }
    return n;
  }

  static void assertChartWellFormed(String name, String svg) {
    List<String> problems = problems(svg);
    if (!problems.isEmpty()) {
      fail(name + ": " + problems.size() + " problem(s):\n" + String.join("\n", problems));
    }
  }

  /** What is wrong with one chart; empty when nothing is. */
  static List<String> problems(String svg) {
    Document doc;
    try {
      doc = parse(svg);
    } catch (SAXException e) {
      return List.of("not well-formed XML: " + e.getMessage());
    }
    List<String> out = new ArrayList<>();
    Element root = doc.getDocumentElement();
    if (!SVG_NS.equals(root.getNamespaceURI()) || !"svg".equals(root.getLocalName())) {
      out.add("root is {" + root.getNamespaceURI() + "}" + root.getLocalName() + ", not an SVG <svg>");
    }
    double[] vb = numbers(root.getAttribute("viewBox"));
    if (vb.length != 4) {
      out.add("no viewBox on the root");
      return out;
    }
    Rectangle2D view = new Rectangle2D.Double(vb[0], vb[1], vb[2], vb[3]);
    NodeList texts = doc.getElementsByTagNameNS(SVG_NS, "text");
    Map<String, Rectangle2D> boxes = new LinkedHashMap<>();
    for (int i = 0; i < texts.getLength(); i++) {
      Element t = (Element) texts.item(i);
      String content = t.getTextContent();
      String what = "text \"" + content + "\"";
      Map<String, String> style = style(t.getAttribute("style"));
      List<String> families = families(style.getOrDefault("font-family", ""));
      if (families.stream().noneMatch(CJK_FONTS::contains)) {
        out.add(what + ": its font list " + families + " names no CJK font");
      }
      if (families.isEmpty() || !GENERIC.contains(families.get(families.size() - 1))) {
        out.add(what + ": its font list " + families + " does not end in a generic family (unquoted)");
      }
      String size = style.getOrDefault("font-size", "");
      if (!size.matches("\\d+(\\.\\d+)?(px)?")) {
        out.add(what + ": no font-size in px (\"" + size + "\"), so it would take the page's");
        continue;
      }
      Rectangle2D box = box(t, content, families, Double.parseDouble(size.replace("px", "")),
          "bold".equals(style.get("font-weight")), style.getOrDefault("text-anchor", t.getAttribute("text-anchor")));
      if (!grown(view, TOLERANCE).contains(box)) {
        out.add(String.format(Locale.ROOT, "%s: its box [%.1f, %.1f – %.1f, %.1f] leaves the viewBox [%.0f, %.0f – %.0f, %.0f]",
            what, box.getMinX(), box.getMinY(), box.getMaxX(), box.getMaxY(), view.getMinX(), view.getMinY(),
            view.getMaxX(), view.getMaxY()));
      }
      for (Map.Entry<String, Rectangle2D> e : boxes.entrySet()) {
        if (grown(e.getValue(), -TOLERANCE).intersects(grown(box, -TOLERANCE))) {
          out.add(what + " overlaps " + e.getKey());
        }
      }
      boxes.put(what, box);
    }
    return out;
  }

  private static Document parse(String svg) throws SAXException {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(new DefaultHandler() {
        @Override
        public void error(org.xml.sax.SAXParseException e) throws SAXException {
          throw e;
        }
      });
      return b.parse(new InputSource(new StringReader(svg)));
    } catch (ParserConfigurationException | java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The text's estimated box in viewBox units: see the class comment. */
  static Rectangle2D box(Element t, String content, List<String> families, double size, boolean bold, String anchor) {
    double x = number(t.getAttribute("x"));
    double y = number(t.getAttribute("y"));
    // Leading white space moves the ink on; trailing white space (em spaces included) draws nothing.
    String ink = content.strip();
    int lead = content.indexOf(ink.isEmpty() ? content : ink);
    x += width(content.substring(0, Math.max(0, lead)), families, size, bold);
    double w = width(ink, families, size, bold) * WIDTH_SAFETY;
    if ("middle".equals(anchor)) {
      x -= w / 2;
    } else if ("end".equals(anchor)) {
      x -= w;
    }
    AffineTransform m = transformTo(t);
    Rectangle2D local = new Rectangle2D.Double(x, y - ASCENT * size, w, (ASCENT + DESCENT) * size);
    return m.createTransformedShape(local).getBounds2D();
  }

  /** The product of the transform attributes from the root down to {@code e} (both included). */
  static AffineTransform transformTo(Element e) {
    Deque<String> chain = new ArrayDeque<>();
    for (Node n = e; n instanceof Element el; n = n.getParentNode()) {
      if (el.hasAttribute("transform")) {
        chain.push(el.getAttribute("transform"));
      }
    }
    AffineTransform m = new AffineTransform();
    for (String attr : chain) {
      m.concatenate(transform(attr));
    }
    return m;
  }

  /** One transform attribute: a list of translate, scale, rotate, matrix, applied left to right as SVG does. */
  static AffineTransform transform(String attr) {
    AffineTransform m = new AffineTransform();
    Matcher tm = TRANSFORM.matcher(attr);
    int end = 0;
    while (tm.find()) {
      if (!attr.substring(end, tm.start()).matches("[\\s,]*")) {
        throw new IllegalArgumentException("unreadable transform: " + attr);
      }
      end = tm.end();
      double[] a = numbers(tm.group(2));
      switch (tm.group(1) + "/" + a.length) {
        case "matrix/6" -> m.concatenate(new AffineTransform(a[0], a[1], a[2], a[3], a[4], a[5]));
        case "translate/1" -> m.translate(a[0], 0);
        case "translate/2" -> m.translate(a[0], a[1]);
        case "scale/1" -> m.scale(a[0], a[0]);
        case "scale/2" -> m.scale(a[0], a[1]);
        case "rotate/1" -> m.rotate(Math.toRadians(a[0]));
        case "rotate/3" -> m.rotate(Math.toRadians(a[0]), a[1], a[2]);
        default -> throw new IllegalArgumentException("transform not handled: " + tm.group());
      }
    }
    if (!attr.substring(end).isBlank()) {
      throw new IllegalArgumentException("unreadable transform: " + attr);
    }
    return m;
  }

  /** Java's width of {@code s}, with a character the font cannot show counted a full em. */
  static double width(String s, List<String> families, double size, boolean bold) {
    String family = families.stream().filter(INSTALLED::contains).findFirst().orElse(Font.SANS_SERIF);
    Font f = new Font(family, bold ? Font.BOLD : Font.PLAIN, 1).deriveFont((float) size);
    double w = f.getStringBounds(s, FRC).getWidth();
    for (int i = 0; i < s.length(); i += Character.charCount(s.codePointAt(i))) {
      int cp = s.codePointAt(i);
      if (!f.canDisplay(cp)) {
        w += size - f.getStringBounds(new String(Character.toChars(cp)), FRC).getWidth();
      }
    }
    return w;
  }

  /** A CSS declaration list, split on {@code ;} outside quotes; property names lower-cased. */
  static Map<String, String> style(String css) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String decl : splitOutsideQuotes(css, ';')) {
      int colon = decl.indexOf(':');
      if (colon > 0) {
        out.put(decl.substring(0, colon).trim().toLowerCase(Locale.ROOT), decl.substring(colon + 1).trim());
      }
    }
    return out;
  }

  /** A CSS font-family value: quoted names unquoted; an unquoted generic keyword stays as it is, a quoted one gets its quotes back. */
  static List<String> families(String value) {
    List<String> out = new ArrayList<>();
    for (String part : splitOutsideQuotes(value, ',')) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      boolean quoted = p.length() >= 2 && (p.charAt(0) == '"' || p.charAt(0) == '\'') && p.charAt(p.length() - 1) == p.charAt(0);
      String name = quoted ? p.substring(1, p.length() - 1) : p.replaceAll("\\s+", " ");
      // "sans-serif" in quotes names a font called sans-serif, not the generic family: keep it apart.
      out.add(quoted && GENERIC.contains(name) ? p : name);
    }
    return out;
  }

  private static List<String> splitOutsideQuotes(String s, char sep) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    char quote = 0;
    for (char c : s.toCharArray()) {
      if (quote != 0) {
        quote = c == quote ? 0 : quote;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == sep) {
        out.add(cur.toString());
        cur.setLength(0);
        continue;
      }
      cur.append(c);
    }
    out.add(cur.toString());
    return out;
  }

  private static double number(String s) {
    return s.isBlank() ? 0 : Double.parseDouble(s.trim());
  }

  private static double[] numbers(String s) {
    String t = s.trim();
    if (t.isEmpty()) {
      return new double[0];
    }
    String[] parts = t.split("[\\s,]+");
    double[] out = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      out[i] = Double.parseDouble(parts[i]);
    }
    return out;
  }

  private static Rectangle2D grown(Rectangle2D r, double by) {
    return new Rectangle2D.Double(r.getX() - by, r.getY() - by, r.getWidth() + 2 * by, r.getHeight() + 2 * by);
  }

  private static List<String> installedFamilies() {
    System.setProperty("java.awt.headless", "true");
    return List.of(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames());
  }

  /** The point (x, y) of a text element after its transforms: for tests of the transform reading. */
  static Point2D position(Element t) {
    return transformTo(t).transform(new Point2D.Double(number(t.getAttribute("x")), number(t.getAttribute("y"))), null);
  }
}
