package io.mailroute.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroute.runtime.compose.Poms;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The AWS SDK modules the stack runs (S3, SQS, STS and Organizations clients, their core, auth,
 * regions and HTTP client) come from the jars of one version, the parent POM's SDK BOM; the
 * organizations client alone is on the version the parent POM pins for it.
 */
class AwsSdkVersionsTest {
    private static final Path POM = Path.of("..", "pom.xml");
    /** {@code <artifactId>-<version>.jar}, as Maven names a jar in its repository and in a copied {@code lib/}. */
    private static final Pattern JAR = Pattern.compile("(.+)-(\\d+(?:\\.\\d+)+)\\.jar");

    @Test
    void shouldLoadEveryAwsSdkModuleFromTheBomsVersionButThePinnedOrganizationsClient() throws Exception {
        // given
        final String bom = Poms.property(POM, "awssdk.version");

        // when
        final Map<String, String> loaded = new TreeMap<>();
        Stream.of(
                        S3Client.class,
                        SqsClient.class,
                        StsClient.class,
                        OrganizationsClient.class,
                        SdkBytes.class,
                        AwsBasicCredentials.class,
                        Region.class,
                        UrlConnectionHttpClient.class)
                .map(AwsSdkVersionsTest::jarName)
                .forEach(jar -> {
                    final Matcher named = JAR.matcher(jar);
                    assertThat(named.matches()).as(jar).isTrue();
                    loaded.put(named.group(1), named.group(2));
                });

        // then
        assertThat(loaded)
                .containsOnlyKeys(
                        "s3", "sqs", "sts", "organizations", "sdk-core", "auth", "regions", "url-connection-client");
        final Map<String, String> others = new TreeMap<>(loaded);
        others.remove("organizations");
        assertThat(others.values()).as("versions of %s", others).containsOnly(bom);
        assertThat(loaded.get("organizations")).isEqualTo(managedVersion("organizations"));
    }

    /** The file name of the jar {@code type} was loaded from. */
    private static String jarName(final Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .getFileName()
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The version the parent POM's dependency management gives the AWS module {@code artifactId}. */
    private static String managedVersion(final String artifactId) throws Exception {
        final NodeList dependencies = Poms.read(POM).getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            final Element dependency = (Element) dependencies.item(i);
            if (Poms.child(dependency, "groupId").equals("software.amazon.awssdk")
                    && Poms.child(dependency, "artifactId").equals(artifactId)) {
                return Poms.child(dependency, "version");
            }
        }
        throw new AssertionError("no managed version of " + artifactId + " in " + POM);
    }
}
