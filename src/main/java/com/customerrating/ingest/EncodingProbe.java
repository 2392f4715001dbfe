package com.customerrating.ingest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Tells whether the start of a file is text in the configured encoding, and if not, what it
 * looks like instead. Spark decodes bytes that are not valid in the configured charset into
 * U+FFFD without a word, so this check runs before Spark reads a file.
 */
final class EncodingProbe {

  private static final Charset GBK = Charset.forName("GBK");

  private EncodingProbe() {}

  /** Null when {@code head} decodes cleanly as {@code cs}; otherwise a one-line explanation. */
  static String problem(byte[] head, Charset cs) {
    boolean utf8Bom = head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB
        && (head[2] & 0xFF) == 0xBF;
    int bad = firstMalformed(head, cs);
    if (bad >= 0) {
      String other = cs.equals(StandardCharsets.UTF_8)
          ? (firstMalformed(head, GBK) < 0 ? "; it decodes as GBK: set 'encoding: GBK' for this city in the dataset config" : "")
          : (firstMalformed(head, StandardCharsets.UTF_8) < 0 ? "; it looks like UTF-8: set 'encoding: UTF-8'" : "");
      return "not valid " + cs.name() + " text (first bad byte at offset " + bad + ")" + other;
    }
    if (!isUtf8(cs) && (utf8Bom || (hasNonAscii(head) && firstMalformed(head, StandardCharsets.UTF_8) < 0))) {
      // GBK (or another multi-byte charset) decodes most UTF-8 Chinese text without an error, into
      // mojibake; text that is valid UTF-8 with non-ASCII characters is almost never real GBK.
      return "configured as " + cs.name() + " but the text looks like UTF-8" + (utf8Bom ? " (it starts with a UTF-8 BOM)" : "")
          + ": set 'encoding: UTF-8' for this city in the dataset config";
    }
    return null;
  }

  private static boolean isUtf8(Charset cs) {
    return cs.equals(StandardCharsets.UTF_8);
  }

  private static boolean hasNonAscii(byte[] b) {
    for (byte x : b) {
      if (x < 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * The offset of the first byte that is not valid in {@code cs}, or -1. A sequence cut off at the
   * end of {@code head} (the probe reads only the start of a file) is not counted as malformed.
   */
  static int firstMalformed(byte[] head, Charset cs) {
    CharsetDecoder dec = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(head);
    CharBuffer out = CharBuffer.allocate(4096);
    while (true) {
      CoderResult r = dec.decode(in, out, false);
      if (r.isError()) {
        return in.position();
      }
      if (r.isOverflow()) {
        out.clear();
        continue;
      }
      return -1; // underflow: all input consumed, or an incomplete sequence at the very end
    }
  }
}
