package io.mailroute.runtime.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mailroute.avro.Delivery;
import io.mailroute.avro.DeliveryChannel;
import io.mailroute.avro.DeliveryOutcome;
import io.mailroute.avro.RawMail;
import io.mailroute.runtime.client.TopicReader;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The status page in a real headless browser (Debian's chromium and chromedriver, driven by
 * Selenium) against the status server of {@link StatusStack}. Skipped when either is not installed.
 */
@Tag(StatusStack.INTEGRATION)
@ExtendWith(StatusStack.Resolver.class)
class StatusPageBrowserIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration FLOW = Duration.ofSeconds(60);
    private static final String BROKEN = "broken-upload.eml";

    private static ChromeDriverService service;
    private static WebDriver browser;
    private static StatusStack stack;

    @BeforeAll
    static void openBrowser(final StatusStack shared) {
        assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "headless browser test skipped: needs " + CHROMIUM + " and " + CHROMEDRIVER
                        + " (apt-get install chromium chromium-driver)");
        stack = shared;
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(new File("target/chromedriver.log"))
                .build();
        final ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-dev-shm-usage",
                        "--disable-gpu",
                        "--window-size=1400,1000");
        browser = new ChromeDriver(service, options);
        browser.get(stack.server.uri().toString());
    }

    @AfterAll
    static void closeBrowser() throws IOException {
        if (browser != null) {
            // the page as the tests left it, for looking at after a failure
            Files.copy(
                    ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
                    Path.of("target/status-page.png"),
                    StandardCopyOption.REPLACE_EXISTING);
            browser.quit();
        }
        if (service != null) {
            service.stop();
        }
    }

    @Test
    void shouldShowLaneCountsAndRecentMail() {
        await().atMost(FLOW)
                .ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
                .untilAsserted(() -> {
                    assertThat(text("#lanes tr[data-lane='NOTIFY'] td.count")).isEqualTo("1");
                    assertThat(text("#lanes tr[data-lane='TICKET'] td.count")).isEqualTo("1");
                    final List<WebElement> cells =
                            browser.findElements(By.cssSelector("#recent tr[data-mail-id='aws-billing.eml'] td"));
                    assertThat(cells)
                            .extracting(WebElement::getText)
                            .contains("aws-billing.eml", "NOTIFY", "aws-billing", "ROUTED");
                });
        assertThat(browser.findElement(By.id("topology-mermaid")).getText()).startsWith("flowchart LR");
    }

    @Test
    void shouldShowTheOutboxAsText() {
        await().atMost(FLOW)
                .ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
                .untilAsserted(() -> {
                    assertThat(browser.findElement(By.id("outbox-section")).isDisplayed())
                            .isTrue();
                    final List<WebElement> cells =
                            browser.findElements(By.cssSelector("#outbox tr[data-mail-id='aws-billing.eml'] td"));
                    assertThat(cells)
                            .extracting(WebElement::getText)
                            .containsExactly(
                                    "2026-12-05T10:00:00Z",
                                    "aws-billing.eml",
                                    "no-reply@mailroute.local",
                                    "ops@example.co.jp, cto@example.co.jp",
                                    "<img src=x onerror=alert(1)> billing notice",
                                    "<notice-1@mailroute.local>");
                });
        assertThat(browser.findElements(By.cssSelector("#outbox img"))).isEmpty();
    }

    @Test
    void shouldShowTheDeliveriesOfAMailLookedUp() {
        // given
        stack.send(
                stack.topics.deliveries(),
                "newsletter.eml|" + StatusStack.ACCOUNT_ID + "|HELPDESK",
                Delivery.newBuilder()
                        .setMailId("newsletter.eml")
                        .setOwnerId(StatusStack.ACCOUNT_ID)
                        .setChannel(DeliveryChannel.HELPDESK)
                        .setOutcome(DeliveryOutcome.DELIVERED)
                        .setDetail("ticket 4711")
                        .setRecipients(List.of("https://helpdesk.example.jp/tickets/4711"))
                        .setAt(Instant.parse("2026-12-05T10:00:00Z"))
                        .build());

        // when: looked up again until the server has read the delivery (each check sees the previous answer)
        await().atMost(FLOW)
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
                .untilAsserted(() -> {
                    final WebElement id = browser.findElement(By.id("lookup-id"));
                    id.clear();
                    id.sendKeys("newsletter.eml");
                    browser.findElement(By.cssSelector("#lookup button[type='submit']"))
                            .click();
                    final List<WebElement> cells =
                            browser.findElements(By.cssSelector("#lookup-deliveries tr[data-channel='HELPDESK'] td"));
                    assertThat(cells)
                            .extracting(WebElement::getText)
                            .contains(
                                    "HELPDESK",
                                    StatusStack.ACCOUNT_ID,
                                    "DELIVERED",
                                    "https://helpdesk.example.jp/tickets/4711",
                                    "ticket 4711",
                                    "2026-12-05T10:00:00Z");
                });
    }

    @Test
    void shouldRepublishADeadLetterWhenItsRetryButtonIsClicked() {
        // given: the dead letter is listed, and the page asks for the token (the server binds 0.0.0.0)
        await().atMost(FLOW)
                .ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
                .until(() -> !browser.findElements(retryButton()).isEmpty());
        assertThat(browser.findElement(By.id("token-box")).isDisplayed()).isTrue();
        browser.findElement(By.id("token")).sendKeys(StatusStack.TOKEN);
        final int published = raw().size();

        // when: the table refreshes every few seconds, so a click may land on a replaced button
        await().atMost(Duration.ofSeconds(20))
                .ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
                .until(() -> {
                    browser.findElement(retryButton()).click();
                    return true;
                });

        // then
        await().atMost(FLOW)
                .untilAsserted(
                        () -> assertThat(browser.findElement(By.id("message")).getText())
                                .contains("Re-published " + BROKEN));
        final List<TopicReader.Entry<RawMail>> raw = raw();
        assertThat(raw).hasSize(published + 1);
        assertThat(raw.get(raw.size() - 1).value().getResubmittedFrom()).isEqualTo("mail.dlq");
    }

    private static By retryButton() {
        return By.cssSelector("#dlq button[data-mail-id='" + BROKEN + "']");
    }

    private static List<TopicReader.Entry<RawMail>> raw() {
        return stack.records(stack.topics.raw(), BROKEN);
    }

    private static String text(final String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }
}
