package io.mailroute.connectors.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoticeTemplatesTest {
    private static final Map<String, String> VALUES =
            Map.of("subject", "Bill", "ownerName", "Example Corp", "category", "aws-billing", "mailId", "m-1");

    @Test
    void shouldPickTheLocaleThenTheCategoryThenTheDefaults() {
        final NoticeTemplates templates = new NoticeTemplates(Optional.empty(), "en");

        assertThat(templates.render("aws-billing", "ja_JP", VALUES).subject())
                .isEqualTo("[mailroute][{severity}] 請求に関するお知らせ: Bill");
        assertThat(templates.render("aws-billing", "ja_JP", VALUES).locale()).isEqualTo("ja");
        assertThat(templates.render("unknown", "ja", VALUES).subject()).isEqualTo("[mailroute] Bill");
        assertThat(templates.render("unknown", "fr", VALUES).locale()).isEqualTo("en");
        assertThat(templates.render("../../etc/passwd", null, VALUES).body()).contains("Dear Example Corp,");
    }

    @Test
    void shouldSubstitutePlaceholdersLiterally() {
        assertThat(NoticeTemplates.substitute(
                        "{ownerName}: {subject} {unknown} {mailId}$1",
                        Map.of("ownerName", "A $1 \\ B", "subject", "{mailId}", "mailId", "m")))
                .isEqualTo("A $1 \\ B: {mailId} {unknown} m$1");
    }

    @Test
    void shouldPreferTheTemplatesDirectoryAndKeepTheShippedOnesForTheRest(@TempDir final Path dir) throws Exception {
        Files.createDirectories(dir.resolve("ja"));
        Files.writeString(dir.resolve("ja/aws-billing.subject.txt"), "【請求】{subject}\n", StandardCharsets.UTF_8);
        final NoticeTemplates templates = new NoticeTemplates(Optional.of(dir), "en");

        final NoticeTemplates.Rendered rendered = templates.render("aws-billing", "ja", VALUES);

        assertThat(rendered.subject()).isEqualTo("【請求】Bill");
        assertThat(rendered.body()).contains("Example Corp 御中");
    }

    @Test
    void shouldRefuseADefaultLocaleWithoutTemplates(@TempDir final Path dir) {
        assertThatThrownBy(() -> new NoticeTemplates(Optional.of(dir), "fr"))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("fr/default.subject.txt");
    }
}
