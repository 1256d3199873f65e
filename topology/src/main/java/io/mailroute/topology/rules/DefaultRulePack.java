package io.mailroute.topology.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The rule pack shipped in the jar, built from {@code rules/default.yaml} at the repository root:
 * what the topology uses while {@code mail.rules} is empty.
 */
public final class DefaultRulePack {
    /** Class-path location of the pack. */
    public static final String RESOURCE = "/mailroute/rules/default.yaml";

    private DefaultRulePack() {}

    /** Reads and validates the pack; its rules carry the epoch as publication time. */
    public static RulePack load() {
        try (InputStream in = DefaultRulePack.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        "The default rule pack " + RESOURCE + " is missing from the class path");
            }
            return RulesYaml.read(RESOURCE, in, Instant.EPOCH);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuleValidationException e) {
            throw new IllegalStateException("The default rule pack is invalid: " + e.getMessage(), e);
        }
    }
}
