package io.mailroute.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Imports run from the root (assembly) down to the sub-flows, and from the sub-flows down to shared packages, never back. */
class PackageDirectionTest {
    private static final Path SOURCES = Path.of("src/main/java/io/mailroute/topology");
    private static final Set<String> SUB_FLOWS = Set.of("intake", "flood", "classify", "route", "bounce");
    private static final Pattern IMPORT =
            Pattern.compile("^import (?:static )?io\\.mailroute\\.topology\\.([A-Za-z]+)", Pattern.MULTILINE);

    @Test
    void shouldKeepTheRootPackageForAssemblyAlone() {
        assertThat(importsBelowTheRoot())
                .noneMatch(i -> Character.isUpperCase(i.target().charAt(0)));
    }

    @Test
    void shouldKeepTheSubFlowsIndependentOfOneAnother() {
        assertThat(importsBelowTheRoot())
                .filteredOn(i -> SUB_FLOWS.contains(i.fromPackage()) && SUB_FLOWS.contains(i.target()))
                .filteredOn(i -> !i.fromPackage().equals(i.target()))
                .isEmpty();
    }

    @Test
    void shouldHaveOnePackagePerSubFlow() {
        assertThat(SUB_FLOWS).allSatisfy(p -> assertThat(SOURCES.resolve(p)).isDirectory());
    }

    private static List<Import> importsBelowTheRoot() {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.getParent().equals(SOURCES))
                    .flatMap(PackageDirectionTest::imports)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<Import> imports(final Path file) {
        final String pkg = SOURCES.relativize(file.getParent()).getName(0).toString();
        try {
            final Matcher m = IMPORT.matcher(Files.readString(file));
            final Stream.Builder<Import> found = Stream.builder();
            while (m.find()) {
                found.add(new Import(file.getFileName().toString(), pkg, m.group(1)));
            }
            return found.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Import(String file, String fromPackage, String target) {}
}
