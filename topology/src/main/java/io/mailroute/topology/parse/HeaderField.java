package io.mailroute.topology.parse;

/**
 * One header field: its name as written and its value unfolded (line breaks before whitespace
 * removed), with 8-bit bytes decoded but encoded words left as they are.
 */
public record HeaderField(String name, String value) {
    /** True when this field is named {@code other}, ignoring ASCII case. */
    public boolean is(final String other) {
        return name.equalsIgnoreCase(other);
    }
}
