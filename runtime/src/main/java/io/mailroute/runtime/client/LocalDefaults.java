package io.mailroute.runtime.client;

/** Ports, names and development credentials shared by {@code mailroute local} and docker-compose. */
public final class LocalDefaults {
    public static final int KAFKA_PORT = 9092;
    public static final int CONTROLLER_PORT = 9093;
    public static final int S3_PORT = 9000;
    public static final int REGISTRY_PORT = 8081;
    public static final int CONNECT_PORT = 8083;
    public static final int STATUS_PORT = 8080;
    /** The SQS endpoint (ElasticMQ) holding the bucket's notifications in {@code mailroute local}. */
    public static final int SQS_PORT = 9324;
    /** The SMTP capture server of {@code mailroute local}. */
    public static final int SMTP_PORT = 2525;

    public static final String BUCKET = "mail-inbound";
    public static final String PREFIX = "incoming/";
    /** The queue of the bucket's S3 event notifications in {@code mailroute local}. */
    public static final String QUEUE = "mail-inbound";
    /** The S3 endpoint commands reach when nothing names another: the local stack's. */
    public static final String S3_ENDPOINT = "http://localhost:" + S3_PORT;
    /** Development-only credentials of the local S3 endpoint (S3Proxy, in local mode and in compose). */
    public static final String S3_ACCESS_KEY = "mailroute";

    public static final String S3_SECRET_KEY = "mailroute-local-secret";

    private LocalDefaults() {}
}
