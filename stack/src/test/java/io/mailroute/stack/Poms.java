package io.mailroute.stack;

import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** The version and properties of the parent POM, for the deployment files that name them. */
final class Poms {
    private static final Path PARENT = Path.of("..", "pom.xml");

    private Poms() {}

    static String projectVersion() throws Exception {
        return child(parent(), "version");
    }

    static String property(final String name) throws Exception {
        return child((Element) parent().getElementsByTagName("properties").item(0), name);
    }

    private static Element parent() throws Exception {
        final DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(PARENT.toFile()).getDocumentElement();
    }

    private static String child(final Element parent, final String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element.getTextContent().strip();
            }
        }
        throw new AssertionError("no <" + name + "> in <" + parent.getTagName() + ">");
    }
}
