package io.mailroute.runtime.compose;

import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** The POMs' versions and properties, for the deployment files' tests that name them. */
public final class Poms {
    private Poms() {}

    /** The root element of {@code pom}. */
    public static Element read(final Path pom) throws Exception {
        final DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
    }

    /** The {@code <properties>} entry {@code name} of {@code pom}. */
    public static String property(final Path pom, final String name) throws Exception {
        return child((Element) read(pom).getElementsByTagName("properties").item(0), name);
    }

    /** The text of the direct child {@code name} of {@code parent}. */
    public static String child(final Element parent, final String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element.getTextContent().strip();
            }
        }
        throw new AssertionError("no <" + name + "> in <" + parent.getTagName() + ">");
    }
}
