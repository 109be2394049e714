package io.tributary.source.sap;

import io.tributary.core.TributaryException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * A service's {@code $metadata} (EDMX, CSDL for OData v2 and v4): entity sets with their key and typed properties.
 * Elements are matched by local name so the v2 ({@code edmx:DataServices}) and v4 namespaces both parse; SAP's
 * {@code sap:display-format} annotation attribute is read by local name too. Immutable once parsed.
 */
final class SapMetadata {

  private final Map<String, SapEntitySet> sets;

  private SapMetadata(Map<String, SapEntitySet> sets) {
    this.sets = sets;
  }

  static SapMetadata parse(InputStream xml) throws IOException {
    Document doc;
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      DocumentBuilder b = f.newDocumentBuilder();
      doc = b.parse(xml);
    } catch (ParserConfigurationException | SAXException e) {
      throw TributaryException.config("SAP $metadata is not a valid EDMX document: " + e.getMessage(),
          "check source.base_url and the stream's service: the URL must be the OData service root");
    }
    Map<String, Element> types = new LinkedHashMap<>();
    for (Element t : elements(doc.getDocumentElement(), "EntityType")) {
      types.put(t.getAttribute("Name"), t);
    }
    Map<String, SapEntitySet> sets = new LinkedHashMap<>();
    for (Element s : elements(doc.getDocumentElement(), "EntitySet")) {
      String typeName = localName(s.getAttribute("EntityType"));
      Element type = types.get(typeName);
      if (type != null) {
        sets.put(s.getAttribute("Name"), entitySet(s.getAttribute("Name"), typeName, type));
      }
    }
    return new SapMetadata(sets);
  }

  /** The entity set, or a CONFIG error naming the sets the service has. */
  SapEntitySet entitySet(String service, String name) {
    SapEntitySet set = sets.get(name);
    if (set == null) {
      throw TributaryException.config("SAP service " + service + " has no entity set '" + name + "'",
          "use one of " + sets.keySet() + " (entity set names are case-sensitive)");
    }
    return set;
  }

  java.util.Set<String> entitySetNames() {
    return sets.keySet();
  }

  private static SapEntitySet entitySet(String name, String typeName, Element type) {
    List<String> keys = new ArrayList<>();
    for (Element key : elements(type, "Key")) {
      for (Element ref : elements(key, "PropertyRef")) {
        keys.add(ref.getAttribute("Name"));
      }
    }
    Map<String, SapProperty> props = new LinkedHashMap<>();
    for (Element p : elements(type, "Property")) {
      String n = p.getAttribute("Name");
      props.put(n, new SapProperty(n, p.getAttribute("Type"), !"false".equalsIgnoreCase(p.getAttribute("Nullable")),
          number(p.getAttribute("Precision")), number(p.getAttribute("Scale")), number(p.getAttribute("MaxLength")),
          displayFormat(p)));
    }
    return new SapEntitySet(name, typeName, keys, props);
  }

  private static String displayFormat(Element p) {
    var attrs = p.getAttributes();
    for (int i = 0; i < attrs.getLength(); i++) {
      Node a = attrs.item(i);
      String local = a.getLocalName() != null ? a.getLocalName() : a.getNodeName();
      if (local.equals("display-format")) {
        return a.getNodeValue();
      }
    }
    return null;
  }

  private static int number(String s) {
    try {
      return s == null || s.isBlank() ? 0 : Integer.parseInt(s.trim());
    } catch (NumberFormatException variableOrMax) {
      return 0; // "max" or "variable" (v4)
    }
  }

  private static String localName(String qualified) {
    int dot = qualified.lastIndexOf('.');
    return dot < 0 ? qualified : qualified.substring(dot + 1);
  }

  private static List<Element> elements(Element root, String localName) {
    List<Element> out = new ArrayList<>();
    NodeList all = root.getElementsByTagNameNS("*", localName);
    for (int i = 0; i < all.getLength(); i++) {
      out.add((Element) all.item(i));
    }
    return out;
  }
}
