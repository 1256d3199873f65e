package io.mailroute.topology.parse;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Reduces HTML to the text a reader sees, with jsoup's HTML5 parser: only the body's text (so no
 * {@code head}, {@code title}, {@code script}, {@code style} or comments), block elements and
 * {@code <br>} turned into line breaks, every HTML entity decoded, runs of blanks collapsed. Good
 * enough for matching and excerpts; not a renderer.
 */
public final class HtmlText {
    private HtmlText() {}

    public static String toText(final String html) {
        final Document document = Jsoup.parse(html);
        final StringBuilder out = new StringBuilder(html.length() / 2);
        NodeTraversor.traverse(new TextCollector(out), document.body());
        return collapse(out);
    }

    /** Appends text nodes, and a line break before and after each block element. */
    private record TextCollector(StringBuilder out) implements NodeVisitor {
        @Override
        public void head(final Node node, final int depth) {
            if (node instanceof TextNode text) {
                out.append(text.getWholeText());
            } else if (node instanceof Element element && isBreak(element.normalName())) {
                out.append('\n');
            }
        }

        @Override
        public void tail(final Node node, final int depth) {
            if (node instanceof Element element
                    && isBreak(element.normalName())
                    && !"br".equals(element.normalName())) {
                out.append('\n');
            }
        }
    }

    private static boolean isBreak(final String tag) {
        return switch (tag) {
            case "br", "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote", "hr", "pre" ->
                true;
            default -> false;
        };
    }

    /** Collapses blanks within lines and blank lines between them. */
    private static String collapse(final CharSequence text) {
        final StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        int newlines = 0;
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c == '\n') {
                newlines++;
                space = false;
            } else if (Character.isWhitespace(c) || c == '\u00a0') {
                space = true;
            } else {
                if (newlines > 0 && out.length() > 0) {
                    out.append(newlines > 1 ? "\n\n" : "\n");
                } else if (space && out.length() > 0) {
                    out.append(' ');
                }
                newlines = 0;
                space = false;
                out.append(c);
            }
        }
        return out.toString();
    }
}
