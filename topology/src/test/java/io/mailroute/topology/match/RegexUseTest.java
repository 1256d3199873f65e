package io.mailroute.topology.match;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.PackageElement;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every pattern in the topology's sources may meet mail text, so none may run on the backtracking
 * {@code java.util.regex}: the sources are compiled and every use of a {@code java.util.regex} type
 * (imported or written out), of String's regular-expression methods ({@code split}, {@code replaceAll},
 * {@code replaceFirst}, {@code matches}) and of re2j outside {@link LinearPattern}'s package is a finding.
 * No exceptions remain to allow.
 */
class RegexUseTest {
    private static final Path SOURCES = Path.of("src/main/java");
    private static final Set<String> STRING_REGEX_METHODS = Set.of("split", "replaceAll", "replaceFirst", "matches");
    private static final String RE2J = "com.google.re2j";
    private static final String MATCH_PACKAGE = LinearPattern.class.getPackageName();

    private static final Set<String> FINDINGS = new TreeSet<>();
    private static final List<String> ERRORS = new ArrayList<>();
    private static int units;

    @BeforeAll
    static void compileTheSources() throws IOException {
        final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        final DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files =
                        javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8);
                Stream<Path> walk = Files.walk(SOURCES)) {
            final List<Path> sources =
                    walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
            final JavacTask task = (JavacTask) javac.getTask(
                    null,
                    files,
                    diagnostics,
                    List.of("-proc:none", "-classpath", System.getProperty("java.class.path")),
                    null,
                    files.getJavaFileObjectsFromPaths(sources));
            final Iterable<? extends CompilationUnitTree> parsed = task.parse();
            task.analyze();
            final Trees trees = Trees.instance(task);
            for (final CompilationUnitTree unit : parsed) {
                units++;
                new Finder(trees, unit).scan(unit, null);
            }
        }
        diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .forEach(d -> ERRORS.add(d.getMessage(Locale.ROOT)));
    }

    @Test
    void shouldReadEverySourceOfTheTopology() {
        assertThat(ERRORS).as("compiling the sources for the scan").isEmpty();
        assertThat(units).isGreaterThan(100);
    }

    @Test
    void shouldRunNoPatternOnJavaUtilRegexNorRe2jOutsideLinearPattern() {
        assertThat(FINDINGS).isEmpty();
    }

    /** Records what each name and call in one compilation unit refers to. */
    private static final class Finder extends TreePathScanner<Void, Void> {
        private final Trees trees;
        private final CompilationUnitTree unit;
        private final String packageName;

        Finder(final Trees trees, final CompilationUnitTree unit) {
            this.trees = trees;
            this.unit = unit;
            this.packageName =
                    unit.getPackageName() == null ? "" : unit.getPackageName().toString();
        }

        @Override
        public Void visitMethodInvocation(final MethodInvocationTree node, final Void unused) {
            final Element method = trees.getElement(getCurrentPath());
            if (method != null
                    && method.getKind() == ElementKind.METHOD
                    && STRING_REGEX_METHODS.contains(method.getSimpleName().toString())
                    && method.getEnclosingElement().toString().equals(String.class.getName())) {
                found("String." + method.getSimpleName() + " takes a regular expression");
            }
            return super.visitMethodInvocation(node, unused);
        }

        @Override
        public Void visitIdentifier(final IdentifierTree node, final Void unused) {
            check(trees.getElement(getCurrentPath()));
            return super.visitIdentifier(node, unused);
        }

        @Override
        public Void visitMemberSelect(final MemberSelectTree node, final Void unused) {
            check(trees.getElement(getCurrentPath()));
            return super.visitMemberSelect(node, unused);
        }

        private void check(final Element element) {
            if (element == null || element.getKind() == ElementKind.PACKAGE) {
                return;
            }
            final String used = packageOf(element);
            if (used.equals("java.util.regex")) {
                found("uses " + element + " of java.util.regex");
            } else if (used.startsWith(RE2J) && !packageName.equals(MATCH_PACKAGE)) {
                found("uses " + element + " of re2j outside " + MATCH_PACKAGE);
            }
        }

        private static String packageOf(final Element element) {
            Element e = element;
            while (e != null && !(e instanceof PackageElement)) {
                e = e.getEnclosingElement();
            }
            return e == null ? "" : ((PackageElement) e).getQualifiedName().toString();
        }

        private void found(final String what) {
            final TreePath path = getCurrentPath();
            final long position = trees.getSourcePositions().getStartPosition(unit, path.getLeaf());
            FINDINGS.add(SOURCES.toAbsolutePath()
                            .relativize(Path.of(unit.getSourceFile().toUri())) + ":"
                    + unit.getLineMap().getLineNumber(position) + ": " + what);
        }
    }
}
