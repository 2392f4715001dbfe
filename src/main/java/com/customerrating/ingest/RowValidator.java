package com.customerrating.ingest;

import com.customerrating.model.input.DatasetSchema;
import com.customerrating.model.input.Field;
import com.customerrating.model.input.RowCheck;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Every row-level rule of one file, as one Spark function: the file's fields as read (all text,
 * in file order, then the malformed-record text) in, the typed values of the schema's columns,
 * the reasons the row broke and its content key out. The per-field rules are {@link FieldParser}'s,
 * the rules across columns the schema's {@link DatasetSchema.CrossRule}s.
 *
 * <p>One Java function per row instead of a few hundred SQL expressions: the expression form of
 * these rules compiled to a method too large for the JIT and ran interpreted (about 30 µs a row).
 *
 * <p>Personal columns are validated like any other and never output. The content key is an MD5
 * of the normalised values of every column (personal ones included): two copies of a customer_id
 * have the same content exactly when their keys are equal (up to MD5 collisions between copies of
 * one id).
 */
public final class RowValidator implements UDF1<Row, Row> {

  private static final long serialVersionUID = 1L;

  public static final String REASONS = "reasons";
  public static final String CONTENT = "__content";

  private final DatasetSchema schema;
  private final int[] fieldIndex;
  private final int corruptIndex;
  private final LocalDate asOf;
  private final int year;
  private final boolean withContent;
  private final List<RowCheck.Compiled> checks;

  /**
   * @param fieldIndex for each schema field, its position among the file's fields, or -1 when the
   *     file lacks the (optional) column
   * @param fileFields how many fields the file has; the malformed-record text follows them
   * @param withContent compute the content key (null otherwise: only the copies of a duplicated id
   *     need it)
   */
  public RowValidator(DatasetSchema schema, int[] fieldIndex, int fileFields, LocalDate asOf, int year,
      boolean withContent) {
    this.schema = schema;
    this.fieldIndex = fieldIndex.clone();
    this.corruptIndex = fileFields;
    this.asOf = asOf;
    this.year = year;
    this.withContent = withContent;
    List<Field> fields = schema.fields();
    Map<String, Integer> position = new HashMap<>();
    for (int i = 0; i < fields.size(); i++) {
      position.put(fields.get(i).name(), i);
    }
    this.checks = schema.checks().stream().map(c -> c.compile(position)).toList();
  }

  /** The output: typed non-personal columns in schema order, the reasons, the content key. */
  public static StructType outputType(DatasetSchema schema) {
    List<StructField> out = new ArrayList<>();
    for (Field f : schema.fields()) {
      if (!f.personal()) {
        out.add(DataTypes.createStructField(f.name(), f.type().sparkType(), true));
      }
    }
    out.add(DataTypes.createStructField(REASONS, DataTypes.createArrayType(DataTypes.StringType, false), false));
    out.add(DataTypes.createStructField(CONTENT, DataTypes.BinaryType, true));
    return new StructType(out.toArray(StructField[]::new));
  }

  private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  });

  /** The fields as read ({@code c0 … c<n-1>}, then the malformed-record text) in, the checked row out. */
  @Override
  public Row call(Row in) {
    String[] text = new String[corruptIndex];
    for (int i = 0; i < corruptIndex; i++) {
      text[i] = in.getString(i);
    }
    return RowFactory.create(check(text, in.getString(corruptIndex)).toArray());
  }

  /**
   * The checked values of one record: {@link #outputType}'s columns, in order.
   *
   * @param text the record's fields as read, in file order (null where empty), as many as the file has
   * @param corrupt the whole record where it is malformed, else null
   */
  List<Object> check(String[] text, String corrupt) {
    List<Field> fields = schema.fields();
    List<String> reasons = new ArrayList<>(0);
    if (corrupt != null) {
      reasons.add("row: malformed CSV (wrong number of fields or broken quoting)");
    }
    boolean badText = corrupt != null && corrupt.indexOf('\uFFFD') >= 0;
    boolean nul = corrupt != null && corrupt.indexOf('\u0000') >= 0;
    for (int i = 0; i < corruptIndex; i++) {
      String s = text[i];
      if (s != null) {
        badText |= s.indexOf('\uFFFD') >= 0;
        nul |= s.indexOf('\u0000') >= 0;
      }
    }
    if (badText) {
      reasons.add("row: text is not valid in the configured encoding (is the file GBK?)");
    }
    if (nul) {
      reasons.add("row: contains a NUL byte");
    }

    Object[] typed = new Object[fields.size()];
    boolean[] blank = new boolean[fields.size()];
    MessageDigest md5 = withContent ? MD5.get() : null;
    if (md5 != null) {
      md5.reset();
    }
    for (int i = 0; i < fields.size(); i++) {
      Field f = fields.get(i);
      String sv = FieldParser.normalize(f, fieldIndex[i] < 0 ? null : text[fieldIndex[i]]);
      blank[i] = sv == null;
      typed[i] = FieldParser.parse(f, sv, reasons);
      if (md5 != null) {
        if (i > 0) {
          md5.update((byte) 2);
        }
        md5.update(sv == null ? new byte[] {1} : sv.getBytes(StandardCharsets.UTF_8));
      }
    }
    RowCheck.Values values = new RowCheck.Values() {
      @Override
      public Object value(int position) {
        return typed[position];
      }

      @Override
      public boolean blank(int position) {
        return blank[position];
      }

      @Override
      public LocalDate asOf() {
        return asOf;
      }

      @Override
      public int year() {
        return year;
      }
    };
    for (int i = 0; i < checks.size(); i++) {
      if (checks.get(i).fails(values)) {
        reasons.add(schema.checks().get(i).reason());
      }
    }

    List<Object> out = new ArrayList<>(fields.size() + 2);
    for (int i = 0; i < fields.size(); i++) {
      if (!fields.get(i).personal()) {
        out.add(typed[i]);
      }
    }
    out.add(reasons.toArray(String[]::new));
    out.add(md5 == null ? null : md5.digest());
    return out;
  }

  /** How many fields the file has. */
  int fileFields() {
    return corruptIndex;
  }

  /** True when the checked values {@link #check} returned break a rule. */
  static boolean rejected(List<Object> checked) {
    return ((String[]) checked.get(checked.size() - 2)).length > 0;
  }
}
