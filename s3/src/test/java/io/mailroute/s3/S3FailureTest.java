package io.mailroute.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroute.s3.S3Failure.Kind;
import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class S3FailureTest {

    private static S3Exception s3Error(final int status, final String code) {
        return (S3Exception) S3Exception.builder()
                .statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build())
                .build();
    }

    @ParameterizedTest(name = "HTTP {0} {1} is {2}")
    @CsvSource({
        "503, SlowDown, TRANSIENT",
        "500, InternalError, TRANSIENT",
        "429, TooManyRequests, TRANSIENT",
        "404, NoSuchKey, NOT_FOUND",
        "404, NoSuchVersion, NOT_FOUND",
        "404, NoSuchBucket, NO_SUCH_BUCKET",
        "412, PreconditionFailed, CHANGED",
        "403, AccessDenied, ACCESS_DENIED",
        "403, SignatureDoesNotMatch, ACCESS_DENIED",
        "401, Unauthorized, ACCESS_DENIED",
        "301, PermanentRedirect, MISCONFIGURED",
        "501, NotImplemented, MISCONFIGURED",
        "400, InvalidRequest, PERMANENT",
        "403, InvalidObjectState, PERMANENT"
    })
    void shouldClassifyWhatS3Reports(final int status, final String code, final Kind kind) {
        // when
        final S3Failure failure = S3Failure.classify("GET s3://b/k", s3Error(status, code));

        // then
        assertThat(failure.kind()).isEqualTo(kind);
        assertThat(failure.errorCode()).isEqualTo(code);
        assertThat(failure.errorClass()).isEqualTo("s3:" + code);
        assertThat(failure.getMessage()).isEqualTo("GET s3://b/k failed: " + code + " (HTTP " + status + ")");
    }

    @Test
    void shouldNameTheStatusWhenS3GivesNoErrorCode() {
        // when: a HEAD has no body to carry a code
        final S3Failure failure = S3Failure.classify("HEAD s3://b/k", (S3Exception)
                S3Exception.builder().statusCode(404).build());

        // then
        assertThat(failure.kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(failure.errorClass()).isEqualTo("s3:HTTP404");
    }

    @Test
    void shouldTellANetworkFailureFromAClientThatCannotWork() {
        // when
        final S3Failure network = S3Failure.classify(
                "GET s3://b/k",
                SdkClientException.builder()
                        .message("Unable to execute HTTP request")
                        .cause(new ConnectException("Connection refused"))
                        .build());
        final S3Failure noCredentials = S3Failure.classify(
                "GET s3://b/k",
                SdkClientException.builder()
                        .message("Unable to load credentials from any of the providers in the chain")
                        .build());

        // then
        assertThat(network.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(noCredentials.kind()).isEqualTo(Kind.MISCONFIGURED);
        assertThat(noCredentials.errorClass()).isEqualTo("s3:SdkClientException");
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "NoSuchKey, NOT_FOUND",
        "NoSuchBucket, NO_SUCH_BUCKET",
        "PreconditionFailed, CHANGED",
        "SlowDown, TRANSIENT",
        "AccessDenied, ACCESS_DENIED",
        "NotImplemented, MISCONFIGURED",
        "InvalidObjectState, PERMANENT"
    })
    void shouldClassifyAPerObjectErrorCode(final String code, final Kind kind) {
        assertThat(S3Failure.ofErrorCode("DELETE s3://b/k", code, null).kind()).isEqualTo(kind);
    }

    @Test
    void shouldMarkMailroutesOwnFailuresAsSuch() {
        // when
        final S3Failure tooLarge = S3Failure.tooLarge("s3://b/k", 70, 64);
        final S3Failure truncated = S3Failure.io("GET s3://b/k", new IOException("read 3 bytes, Content-Length was 5"));

        // then
        assertThat(tooLarge.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(tooLarge.errorClass()).isEqualTo("mailroute:ObjectTooLarge");
        assertThat(tooLarge.getMessage()).contains("s3://b/k has 70 bytes");
        assertThat(truncated.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(truncated.errorClass()).isEqualTo("s3:IOException");
    }
}
