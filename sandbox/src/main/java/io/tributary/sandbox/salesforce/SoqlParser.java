package io.tributary.sandbox.salesforce;

import io.tributary.sandbox.RowKey;
import io.tributary.sandbox.salesforce.SoqlTokens.Token;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the SOQL shapes the Salesforce source emits and rejects anything else with Salesforce's 400 errors:
 *
 * <pre>
 * SELECT f1, f2, Owner.Name FROM Obj
 *   [WHERE (SystemModstamp &gt; T OR (SystemModstamp = T AND Id &gt; 'id')) [AND SystemModstamp &lt; U]]
 *   [ORDER BY SystemModstamp ASC, Id ASC] [LIMIT n]
 * SELECT COUNT() FROM Obj [same WHERE]
 * </pre>
 *
 * A WHERE is a conjunction of lower bounds ({@code SystemModstamp > T}, {@code >= T}, or the (SystemModstamp, Id)
 * tie-break above) and upper bounds ({@code SystemModstamp < U}, {@code <= U}).
 */
public final class SoqlParser {

  private sealed interface Expr permits Cmp, And, Or {}

  private record Cmp(Token field, String op, Token value) implements Expr {}

  private record And(List<Expr> parts) implements Expr {}

  private record Or(List<Expr> parts) implements Expr {}

  private final SoqlTokens in;
  private final String soql;

  private SoqlParser(String soql) {
    this.soql = soql;
    this.in = new SoqlTokens(soql);
  }

  /** Parses {@code soql}; throws {@link SoqlException} with the Salesforce error code and message. */
  static SoqlQuery parse(String soql) {
    return new SoqlParser(soql).query();
  }

  private SoqlQuery query() {
    in.expect("SELECT");
    boolean count = false;
    List<Token> fields = new ArrayList<>();
    if (in.peek() != null && in.peek().is("COUNT")) {
      in.next();
      in.expect("(");
      in.expect(")");
      count = true;
    } else {
      do {
        Token f = in.next();
        if (f.quoted() || f.text().equals("(") || f.is("FROM")) {
          throw SoqlErrors.unexpected(soql, f);
        }
        fields.add(f);
      } while (in.accept(","));
    }
    in.expect("FROM");
    Token objectToken = in.next();
    SalesforceObject object = SalesforceSchema.object(objectToken.text());
    if (object == null) {
      throw SoqlErrors.noSuchObject(soql, objectToken.column(), objectToken.text());
    }
    List<String> paths = new ArrayList<>();
    for (Token f : fields) {
      paths.add(resolve(object, f));
    }
    RowKey[] bounds = {null, null};
    if (in.accept("WHERE")) {
      bounds(object, or(), bounds);
    }
    if (in.accept("ORDER")) {
      in.expect("BY");
      orderTerm("SystemModstamp");
      in.expect(",");
      orderTerm("Id");
    }
    long limit = -1;
    if (in.accept("LIMIT")) {
      Token n = in.next();
      try {
        limit = Long.parseLong(n.text());
      } catch (NumberFormatException e) {
        throw SoqlErrors.unexpected(soql, n);
      }
    }
    if (in.peek() != null) {
      throw SoqlErrors.unexpected(soql, in.peek());
    }
    return new SoqlQuery(object, count, paths, bounds[0], bounds[1], limit);
  }

  private void orderTerm(String field) {
    Token t = in.next();
    if (!t.is(field)) {
      throw SoqlErrors.unsupported(soql, t.column(), "ORDER BY " + t.text());
    }
    if (!in.accept("ASC") && in.peek() != null && in.peek().is("DESC")) {
      throw SoqlErrors.unsupported(soql, in.peek().column(), "ORDER BY ... DESC");
    }
  }

  /** The canonical path of a selected field, or Salesforce's INVALID_FIELD error. */
  private String resolve(SalesforceObject object, Token f) {
    String text = f.text();
    int dot = text.indexOf('.');
    if (dot < 0) {
      SalesforceField field = object.field(text);
      if (field == null) {
        throw SoqlErrors.noSuchColumn(soql, f.column(), text, object.name());
      }
      return field.name();
    }
    SalesforceField ref = object.relationship(text.substring(0, dot));
    if (ref == null) {
      throw SoqlErrors.noSuchRelationship(soql, f.column(), text.substring(0, dot));
    }
    String rest = text.substring(dot + 1);
    SalesforceObject parent = SalesforceSchema.object(ref.referenceTo());
    SalesforceField field = rest.contains(".") ? null : parent.field(rest);
    if (field == null) {
      throw SoqlErrors.noSuchColumn(soql, f.column() + dot + 1, rest, parent.name());
    }
    return ref.relationshipName() + "." + field.name();
  }

  private Expr or() {
    List<Expr> parts = new ArrayList<>(List.of(and()));
    while (in.accept("OR")) {
      parts.add(and());
    }
    return parts.size() == 1 ? parts.get(0) : new Or(parts);
  }

  private Expr and() {
    List<Expr> parts = new ArrayList<>(List.of(atom()));
    while (in.accept("AND")) {
      parts.add(atom());
    }
    return parts.size() == 1 ? parts.get(0) : new And(parts);
  }

  private Expr atom() {
    if (in.accept("(")) {
      Expr e = or();
      in.expect(")");
      return e;
    }
    Token field = in.next();
    Token op = in.next();
    if (!List.of("=", "!=", "<", "<=", ">", ">=").contains(op.text())) {
      throw SoqlErrors.unexpected(soql, op);
    }
    return new Cmp(field, op.text(), in.next());
  }

  /** Folds a WHERE into [lower, upper] exclusive key bounds, or rejects it as unsupported. */
  private void bounds(SalesforceObject object, Expr where, RowKey[] bounds) {
    List<Expr> conjuncts = where instanceof And a ? a.parts() : List.of(where);
    for (Expr e : conjuncts) {
      RowKey lower = null;
      RowKey upper = null;
      if (e instanceof Cmp c && c.field().is("SystemModstamp")) {
        Instant t = datetime(c.value());
        switch (c.op()) {
          case ">" -> lower = RowKey.after(t);
          case ">=" -> lower = RowKey.before(t);
          case "<" -> upper = RowKey.before(t);
          case "<=" -> upper = RowKey.after(t);
          default -> throw SoqlErrors.unsupported(soql, c.field().column(), "SystemModstamp " + c.op());
        }
      } else if (e instanceof Or or) {
        lower = tieBreak(object, or);
      } else {
        Token at = e instanceof Cmp c ? c.field() : in.peek();
        throw SoqlErrors.unsupported(soql, at == null ? 1 : at.column(), "this WHERE condition");
      }
      if (lower != null && (bounds[0] == null || lower.compareTo(bounds[0]) > 0)) {
        bounds[0] = lower;
      }
      if (upper != null && (bounds[1] == null || upper.compareTo(bounds[1]) < 0)) {
        bounds[1] = upper;
      }
    }
  }

  /** {@code (SystemModstamp > T OR (SystemModstamp = T AND Id > 'id'))} → key bound (T, index of id). */
  private RowKey tieBreak(SalesforceObject object, Or or) {
    if (or.parts().size() == 2 && or.parts().get(0) instanceof Cmp gt && or.parts().get(1) instanceof And and
        && and.parts().size() == 2 && and.parts().get(0) instanceof Cmp eq && and.parts().get(1) instanceof Cmp id
        && gt.field().is("SystemModstamp") && gt.op().equals(">") && eq.field().is("SystemModstamp")
        && eq.op().equals("=") && id.field().is("Id") && id.op().equals(">")) {
      Instant t = datetime(gt.value());
      if (!t.equals(datetime(eq.value()))) {
        throw SoqlErrors.unsupported(soql, eq.value().column(), "two different SystemModstamp values in a tie-break");
      }
      if (!id.value().quoted()) {
        throw SoqlErrors.unexpected(soql, id.value());
      }
      long index = SalesforceIds.indexOf(object.keyPrefix(), id.value().text());
      if (index < 0) {
        throw SoqlErrors.badFilterValue(soql, id.value().column(), "invalid ID field: " + id.value().text());
      }
      return new io.tributary.sandbox.RowKey(t, index);
    }
    throw SoqlErrors.unsupported(soql, 1, "this OR condition");
  }

  private Instant datetime(Token value) {
    if (value.quoted()) {
      throw SoqlErrors.badFilterValue(soql, value.column(), "value of filter criterion for field 'SystemModstamp'"
          + " must be of type dateTime and should not be enclosed in quotes");
    }
    try {
      return OffsetDateTime.parse(value.text(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw SoqlErrors.badFilterValue(soql, value.column(), "value of filter criterion for field 'SystemModstamp'"
          + " must be of type dateTime and should not be enclosed in quotes");
    }
  }
}
