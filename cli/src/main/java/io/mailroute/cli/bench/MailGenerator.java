package io.mailroute.cli.bench;

import io.mailroute.avro.AccountMapping;
import io.mailroute.avro.AccountStatus;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Synthetic inbound mail, deterministic from a seed: AWS notices (English, Japanese ISO-2022-JP,
 * Shift_JIS that is really CP932), abuse reports, marketplace orders to store inboxes, DSN bounces,
 * spoofed and unknown mail, malformed mail, and (in fuzz mode) valid mail with flipped bytes or cut
 * short. Mails are written as SES stores them (verdict headers on top, CRLF) to the owners of
 * {@link #accounts()}, so that the default rule pack sends valid ones to their lanes. Not thread-safe.
 */
public final class MailGenerator {
    /** Key prefix, as the S3 connector reads by default. */
    public static final String KEY_PREFIX = "incoming/";

    private static final Charset ISO_2022_JP = Charset.forName("ISO-2022-JP");
    private static final Charset CP932 = Charset.forName("windows-31j");
    private static final String CRLF = "\r\n";
    /** SES's verdict headers, which it writes above its Authentication-Results. */
    private static final String SES_VERDICTS = "X-SES-Spam-Verdict: PASS" + CRLF + "X-SES-Virus-Verdict: PASS" + CRLF;

    private static final String KEY_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);
    private static final Instant EPOCH = Instant.parse("2026-11-20T00:00:00Z");
    private static final String[] AWS_SENDERS = {
        "no-reply-aws@amazon.com",
        "aws-billing@amazon.com",
        "aws-health@amazon.com",
        "aws-notifications@amazon.com",
        "no-reply-aws@amazon.co.jp",
        "aws-support@amazon.com",
        "aws-marketing@amazon.com",
        "aws-account@amazon.com"
    };
    private static final String[] CARRIERS = {
        "taro.@docomo.ne.jp", "a..b@ezweb.ne.jp", "hanako@softbank.ne.jp", "user@example.com", "noone@gmail.com"
    };
    private static final String[] REASONS = {
        "550 5.1.1 User unknown",
        "552 5.2.2 Mailbox full",
        "550 5.7.1 Message rejected as spam",
        "451 4.4.1 Host not found",
        "554 5.7.1 Blocked by policy"
    };

    private final Random random;
    private final SizeMix sizes;
    private final boolean fuzz;
    private final int awsAccounts;
    private final int stores;
    private long sequence;

    /**
     * @param seed        the same seed gives the same mails
     * @param sizes       how big mails are
     * @param fuzz        every mail is a mutated valid one
     * @param awsAccounts AWS accounts mail is sent to (their root addresses)
     * @param stores      store inboxes orders are sent to
     */
    public MailGenerator(
            final long seed, final SizeMix sizes, final boolean fuzz, final int awsAccounts, final int stores) {
        this.random = new Random(seed);
        this.sizes = sizes;
        this.fuzz = fuzz;
        this.awsAccounts = awsAccounts;
        this.stores = stores;
    }

    /** 200 AWS accounts and 50 stores. */
    public MailGenerator(final long seed, final SizeMix sizes, final boolean fuzz) {
        this(seed, sizes, fuzz, 200, 50);
    }

    /** The owners mail is addressed to: AWS accounts by root address and stores by inbox. */
    public List<AccountMapping> accounts() {
        final List<AccountMapping> accounts = new ArrayList<>(awsAccounts + stores);
        for (int i = 0; i < awsAccounts; i++) {
            accounts.add(account(awsAccountId(i), rootAddress(i), "AWS account " + i));
        }
        for (int i = 0; i < stores; i++) {
            accounts.add(account(String.format(Locale.ROOT, "store-ne-%03d", i), storeAddress(i), "Store " + i));
        }
        return accounts;
    }

    /** The next mail. */
    public GeneratedMail next() {
        final long n = sequence++;
        final String key = key();
        final Instant sent = EPOCH.plusSeconds(n);
        if (fuzz) {
            return new GeneratedMail(key, MailKind.FUZZED, mutate(valid(pickValid(), sent, n)));
        }
        final int roll = random.nextInt(100);
        final MailKind kind;
        if (roll < 25) {
            kind = MailKind.AWS_NOTICE_EN;
        } else if (roll < 35) {
            kind = MailKind.AWS_NOTICE_JA;
        } else if (roll < 42) {
            kind = MailKind.AWS_NOTICE_SJIS;
        } else if (roll < 44) {
            kind = MailKind.AWS_ABUSE;
        } else if (roll < 72) {
            kind = MailKind.MARKETPLACE_ORDER;
        } else if (roll < 84) {
            kind = MailKind.DSN_BOUNCE;
        } else if (roll < 87) {
            kind = MailKind.SPOOFED;
        } else if (roll < 92) {
            kind = MailKind.UNKNOWN_PATTERN;
        } else {
            kind = MailKind.MALFORMED;
        }
        final byte[] bytes = kind == MailKind.MALFORMED ? malformed(sent, n) : valid(kind, sent, n);
        return new GeneratedMail(key, kind, bytes);
    }

    private MailKind pickValid() {
        final MailKind[] valid = {
            MailKind.AWS_NOTICE_EN,
            MailKind.AWS_NOTICE_JA,
            MailKind.AWS_NOTICE_SJIS,
            MailKind.MARKETPLACE_ORDER,
            MailKind.DSN_BOUNCE
        };
        return valid[random.nextInt(valid.length)];
    }

    private byte[] valid(final MailKind kind, final Instant sent, final long n) {
        return switch (kind) {
            case AWS_NOTICE_EN -> awsNoticeEn(sent, n);
            case AWS_NOTICE_JA -> awsNoticeJa(sent, n);
            case AWS_NOTICE_SJIS -> awsBillingSjis(sent, n);
            case AWS_ABUSE -> awsAbuse(sent, n);
            case MARKETPLACE_ORDER -> order(sent, n);
            case DSN_BOUNCE -> bounce(sent, n);
            case SPOOFED -> spoofed(sent, n);
            case UNKNOWN_PATTERN -> newsletter(sent, n);
            case MALFORMED, FUZZED -> throw new IllegalArgumentException(kind + " is not a valid kind");
        };
    }

    private byte[] awsNoticeEn(final Instant sent, final long n) {
        final int account = random.nextInt(awsAccounts);
        final String id = awsAccountId(account);
        final String subject;
        final String body;
        switch (random.nextInt(3)) {
            case 0 -> {
                subject = "Amazon Web Services Billing Statement Available [Account: " + id + "]";
                body =
                        "Greetings from Amazon Web Services,\r\n\r\nThis e-mail confirms that your latest billing statement is "
                                + "available.\r\nAccount ID: " + id + "\r\nInvoice Number: INV-" + (100000 + n)
                                + "\r\nTotal amount due: USD "
                                + (10 + random.nextInt(9000)) + ".00\r\n";
            }
            case 1 -> {
                subject = "[Action Required] Amazon EC2 Instance scheduled for retirement";
                body = "Hello,\r\n\r\nOne or more of your Amazon EC2 instances in account " + id
                        + " is scheduled for retirement on " + "2026-12-15.\r\nInstance: i-0" + Long.toHexString(n)
                        + "\r\n";
            }
            default -> {
                subject = "Case " + (10_000_000_000L + n) + ": Increase EC2 limit";
                body = "Hello,\r\n\r\nWe have updated your support case.\r\nAccount: " + id + "\r\n";
            }
        }
        final String sender = pick(AWS_SENDERS);
        return mail(
                authPass(sender.substring(sender.indexOf('@') + 1)),
                "Amazon Web Services <" + sender + ">",
                rootAddress(account),
                subject,
                sent,
                n,
                "text/plain; charset=UTF-8",
                "8bit",
                body.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] awsNoticeJa(final Instant sent, final long n) {
        final int account = random.nextInt(awsAccounts);
        final String body = "お客様各位\r\n\r\nアカウント ID: " + awsAccountId(account) + "\r\nAmazon RDS のメンテナンスを予定しています。"
                + "\r\n対象: db-" + n + "\r\n";
        return mail(
                authPass("amazon.co.jp"),
                "Amazon Web Services <no-reply-aws@amazon.co.jp>",
                rootAddress(account),
                encodedWord("【要対応】Amazon RDS メンテナンスのお知らせ", ISO_2022_JP, "ISO-2022-JP"),
                sent,
                n,
                "text/plain; charset=ISO-2022-JP",
                "7bit",
                body.getBytes(ISO_2022_JP));
    }

    private byte[] awsBillingSjis(final Instant sent, final long n) {
        final int account = random.nextInt(awsAccounts);
        // ① and ～ exist only in CP932, the Shift_JIS that mail clients really write
        final String body = "アカウント番号: " + awsAccountId(account) + "\r\n① ご請求金額: ￥" + (1000 + random.nextInt(90000))
                + "\r\n請求書番号: JP-" + (200000 + n) + "\r\n期間: 11月1日～11月30日\r\n";
        return mail(
                authPass("amazon.co.jp"),
                "AWS Billing <aws-billing@amazon.co.jp>",
                rootAddress(account),
                encodedWord("AWS ご請求書のお知らせ", CP932, "Shift_JIS"),
                sent,
                n,
                "text/plain; charset=Shift_JIS",
                "8bit",
                body.getBytes(CP932));
    }

    private byte[] awsAbuse(final Instant sent, final long n) {
        final int account = random.nextInt(awsAccounts);
        final String body = "Hello,\r\n\r\nWe have received a report that your resource in account "
                + awsAccountId(account) + " was used to send spam.\r\nAbuse case number: " + (5_000_000 + n) + "\r\n";
        return mail(
                authPass("amazon.com"),
                "AWS Trust & Safety <ec2-abuse@amazon.com>",
                rootAddress(account),
                "Your EC2 Abuse Report [Case " + (5_000_000 + n) + "]",
                sent,
                n,
                "text/plain; charset=UTF-8",
                "8bit",
                body.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] order(final Instant sent, final long n) {
        final String store = storeAddress(random.nextInt(stores));
        final int total = 500 + random.nextInt(50000);
        return switch (random.nextInt(3)) {
            case 0 -> {
                final String body = "ショップ担当者様\r\n\r\n楽天市場で新しい注文が入りました。\r\n[受注番号] 312345-20261120-"
                        + String.format(Locale.ROOT, "%010d", n) + "\r\n[注文日時] 2026-11-20 10:15:00\r\n[注文者] 山田 太郎 様\r\n"
                        + "[合計金額] " + String.format(Locale.ROOT, "%,d", total) + " 円\r\n";
                yield mail(
                        authPass("rakuten.co.jp"),
                        encodedWord("楽天市場", ISO_2022_JP, "ISO-2022-JP") + " <order@rakuten.co.jp>",
                        store,
                        encodedWord("【楽天市場】注文内容ご確認（自動配信メール）", ISO_2022_JP, "ISO-2022-JP"),
                        sent,
                        n,
                        "text/plain; charset=ISO-2022-JP",
                        "7bit",
                        body.getBytes(ISO_2022_JP));
            }
            case 1 -> {
                final String body = "出荷をお願いします。\r\n注文番号: 249-"
                        + String.format(Locale.ROOT, "%07d-%07d", n % 10_000_000, (n * 7) % 10_000_000)
                        + "\r\n注文日: 2026-11-20\r\n購入者名: 佐藤 花子 様\r\n注文合計: ￥" + total + "\r\n";
                yield mail(
                        authPass("amazon.co.jp"),
                        "Amazon Seller Central <seller-notification@amazon.co.jp>",
                        store,
                        encodedWord("注文確定: 出荷してください", StandardCharsets.UTF_8, "UTF-8"),
                        sent,
                        n,
                        "text/plain; charset=UTF-8",
                        "base64",
                        base64Lines(body.getBytes(StandardCharsets.UTF_8)));
            }
            default -> {
                final String body = "ご注文ありがとうございます。\r\n注文番号：shop-" + (10000 + n) + "\r\n注文日時：2026年11月20日 10:15\r\n"
                        + "注文者：鈴木 一郎 様\r\n合計金額：" + total + "円\r\n";
                yield mail(
                        authPass("store.yahoo.co.jp"),
                        "Yahoo!ショッピング <order@store.yahoo.co.jp>",
                        store,
                        encodedWord("【Yahoo!ショッピング】注文がありました", ISO_2022_JP, "ISO-2022-JP"),
                        sent,
                        n,
                        "text/plain; charset=ISO-2022-JP",
                        "7bit",
                        body.getBytes(ISO_2022_JP));
            }
        };
    }

    private byte[] bounce(final Instant sent, final long n) {
        final String recipient = pick(CARRIERS);
        final String reason = pick(REASONS);
        final String status = reason.substring(4, 9);
        final String boundary = "dsn-" + n;
        final String body = "--" + boundary + CRLF + "Content-Type: text/plain; charset=us-ascii" + CRLF + CRLF
                + "Your message could not be delivered." + CRLF + CRLF
                + "--" + boundary + CRLF + "Content-Type: message/delivery-status" + CRLF + CRLF
                + "Reporting-MTA: dns; mx" + (n % 7) + ".mailer.example.com" + CRLF + CRLF
                + "Final-Recipient: rfc822; " + recipient + CRLF + "Action: "
                + (status.startsWith("4") ? "delayed" : "failed") + CRLF
                + "Status: " + status + CRLF + "Diagnostic-Code: smtp; " + reason + CRLF + CRLF
                + "--" + boundary + CRLF + "Content-Type: text/rfc822-headers" + CRLF + CRLF
                + "From: notices@mailer.example.com" + CRLF + "To: " + recipient + CRLF + "Subject: Outage notice"
                + CRLF + CRLF
                + "--" + boundary + "--" + CRLF;
        return mail(
                authPass("mailer.example.com"),
                "Mail Delivery Subsystem <MAILER-DAEMON@mx" + (n % 7) + ".mailer.example.com>",
                "bounces@mailer.example.com",
                "Undelivered Mail Returned to Sender",
                sent,
                n,
                "multipart/report; report-type=delivery-status; boundary=\"" + boundary + "\"",
                "7bit",
                body.getBytes(StandardCharsets.US_ASCII));
    }

    private byte[] spoofed(final Instant sent, final long n) {
        final int account = random.nextInt(awsAccounts);
        final String auth = SES_VERDICTS + "Authentication-Results: amazonses.com;"
                + " spf=fail smtp.mailfrom=phish.example.net; dkim=none; dmarc=fail header.from=amazon.com" + CRLF;
        return mail(
                auth,
                "Amazon Web Services <aws-billing@amazon.com>",
                rootAddress(account),
                "Amazon Web Services Billing Statement Available",
                sent,
                n,
                "text/plain; charset=UTF-8",
                "8bit",
                ("Pay now at http://phish.example.net/" + n + CRLF).getBytes(StandardCharsets.UTF_8));
    }

    private byte[] newsletter(final Instant sent, final long n) {
        return mail(
                authPass("news.example.org"),
                "Weekly <weekly-" + (n % 5) + "@news.example.org>",
                rootAddress(random.nextInt(awsAccounts)),
                "This week in cloud #" + (n % 50),
                sent,
                n,
                "text/plain; charset=UTF-8",
                "8bit",
                ("Stories of the week." + CRLF).getBytes(StandardCharsets.UTF_8));
    }

    private byte[] malformed(final Instant sent, final long n) {
        final byte[] base = awsNoticeEn(sent, n);
        return switch (random.nextInt(7)) {
            case 0 -> Arrays.copyOf(base, Math.max(1, base.length / 3)); // truncated
            case 1 -> {
                final String body =
                        "--missing" + CRLF + "Content-Type: text/plain" + CRLF + CRLF + "never closed" + CRLF;
                yield mail(
                        authPass("amazon.com"),
                        "no-reply-aws@amazon.com",
                        rootAddress(0),
                        "Bad boundary",
                        sent,
                        n,
                        "multipart/mixed; boundary=\"other\"",
                        "7bit",
                        body.getBytes(StandardCharsets.US_ASCII));
            }
            case 2 -> {
                final byte[] copy = base.clone();
                for (int i = copy.length / 2; i < copy.length; i += 7) {
                    copy[i] = 0;
                }
                yield copy;
            }
            case 3 ->
                mail(
                        authPass("amazon.com"),
                        "no-reply-aws@amazon.com",
                        rootAddress(0),
                        "Wrong charset",
                        sent,
                        n,
                        "text/plain; charset=UTF-8",
                        "8bit",
                        "請求書のお知らせ、アカウント番号".getBytes(CP932));
            case 4 -> {
                final StringBuilder headers = new StringBuilder();
                for (int i = 0; i < 3000; i++) {
                    headers.append("X-Filler-")
                            .append(i)
                            .append(": ")
                            .append("x".repeat(60))
                            .append(CRLF);
                }
                yield mail(
                        headers + authPass("amazon.com"),
                        "no-reply-aws@amazon.com",
                        rootAddress(0),
                        "Huge headers",
                        sent,
                        n,
                        "text/plain",
                        "7bit",
                        "body".getBytes(StandardCharsets.US_ASCII));
            }
            case 5 ->
                mail(
                        authPass("amazon.com"),
                        "no-reply-aws@amazon.com",
                        rootAddress(0),
                        "Deep nesting",
                        sent,
                        n,
                        "multipart/mixed; boundary=\"b0\"",
                        "7bit",
                        nested(200));
            default -> {
                final byte[] garbage = new byte[512 + random.nextInt(2048)];
                random.nextBytes(garbage);
                garbage[0] = ':'; // not even a header line
                yield garbage;
            }
        };
    }

    /** Multiparts nested {@code depth} deep, like a zip bomb made of MIME. */
    private static byte[] nested(final int depth) {
        final StringBuilder body = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            body.append("--b")
                    .append(i)
                    .append(CRLF)
                    .append("Content-Type: multipart/mixed; boundary=\"b")
                    .append(i + 1)
                    .append('"')
                    .append(CRLF)
                    .append(CRLF);
        }
        body.append("--b")
                .append(depth)
                .append(CRLF)
                .append("Content-Type: text/plain")
                .append(CRLF)
                .append(CRLF)
                .append("deep")
                .append(CRLF);
        for (int i = depth; i >= 0; i--) {
            body.append("--b").append(i).append("--").append(CRLF);
        }
        return body.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Flips a few bytes and sometimes cuts the mail short. */
    private byte[] mutate(final byte[] valid) {
        final byte[] bytes =
                random.nextInt(4) == 0 ? Arrays.copyOf(valid, 1 + random.nextInt(valid.length)) : valid.clone();
        final int flips = 1 + random.nextInt(8);
        for (int i = 0; i < flips; i++) {
            final int at = random.nextInt(bytes.length);
            bytes[at] = (byte) (bytes[at] ^ (1 << random.nextInt(8)));
        }
        return bytes;
    }

    /** A mail with SES's verdict headers, padded by an attachment to the size mix's target. */
    private byte[] mail(
            final String sesHeaders,
            final String from,
            final String to,
            final String subject,
            final Instant sent,
            final long n,
            final String contentType,
            final String encoding,
            final byte[] body) {
        final StringBuilder headers = new StringBuilder(512)
                .append(sesHeaders)
                .append("From: ")
                .append(from)
                .append(CRLF)
                .append("To: ")
                .append(to)
                .append(CRLF)
                .append("Subject: ")
                .append(subject)
                .append(CRLF)
                .append("Date: ")
                .append(DATE.format(ZonedDateTime.ofInstant(sent, ZoneOffset.ofHours(9))))
                .append(CRLF)
                .append("Message-ID: <gen-")
                .append(n)
                .append("@bench.mailroute.io>")
                .append(CRLF)
                .append("MIME-Version: 1.0")
                .append(CRLF);
        final int target = sizes.targetBytes(random);
        final int plain = headers.length() + body.length + 200;
        final ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(target, plain) + 256);
        if (target <= plain || contentType.startsWith("multipart/")) {
            headers.append("Content-Type: ")
                    .append(contentType)
                    .append(CRLF)
                    .append("Content-Transfer-Encoding: ")
                    .append(encoding)
                    .append(CRLF)
                    .append(CRLF);
            out.writeBytes(headers.toString().getBytes(StandardCharsets.UTF_8));
            out.writeBytes(body);
            return out.toByteArray();
        }
        final String boundary = "part-" + n;
        headers.append("Content-Type: multipart/mixed; boundary=\"")
                .append(boundary)
                .append('"')
                .append(CRLF)
                .append(CRLF)
                .append("--")
                .append(boundary)
                .append(CRLF)
                .append("Content-Type: ")
                .append(contentType)
                .append(CRLF)
                .append("Content-Transfer-Encoding: ")
                .append(encoding)
                .append(CRLF)
                .append(CRLF);
        out.writeBytes(headers.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(body);
        out.writeBytes(
                (CRLF + "--" + boundary + CRLF + "Content-Type: application/pdf; name=\"invoice-" + n + ".pdf\"" + CRLF
                                + "Content-Disposition: attachment; filename=\"invoice-" + n + ".pdf\"" + CRLF
                                + "Content-Transfer-Encoding: base64" + CRLF + CRLF)
                        .getBytes(StandardCharsets.US_ASCII));
        final byte[] attachment = new byte[Math.max(0, (target - plain) * 3 / 4)];
        random.nextBytes(attachment);
        out.writeBytes(base64Lines(attachment));
        out.writeBytes((CRLF + "--" + boundary + "--" + CRLF).getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static String authPass(final String domain) {
        return SES_VERDICTS + "Authentication-Results: amazonses.com; spf=pass smtp.mailfrom=" + domain
                + "; dkim=pass header.i=@" + domain + "; dmarc=pass header.from=" + domain + CRLF;
    }

    private static String encodedWord(final String text, final Charset charset, final String name) {
        return "=?" + name + "?B?" + Base64.getEncoder().encodeToString(text.getBytes(charset)) + "?=";
    }

    private static byte[] base64Lines(final byte[] data) {
        return Base64.getMimeEncoder(76, CRLF.getBytes(StandardCharsets.US_ASCII))
                .encode(data);
    }

    private String key() {
        final char[] chars = new char[40];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = KEY_CHARS.charAt(random.nextInt(KEY_CHARS.length()));
        }
        return KEY_PREFIX + new String(chars);
    }

    private String pick(final String[] values) {
        return values[random.nextInt(values.length)];
    }

    static String awsAccountId(final int index) {
        return String.format(Locale.ROOT, "%012d", 100_000_000_000L + index * 7_919L);
    }

    static String rootAddress(final int index) {
        return String.format(Locale.ROOT, "aws-root-%04d@reseller.example.co.jp", index);
    }

    static String storeAddress(final int index) {
        return String.format(Locale.ROOT, "ne-%03d@shops.example.jp", index);
    }

    private static AccountMapping account(final String accountId, final String email, final String name) {
        return AccountMapping.newBuilder()
                .setAccountId(accountId)
                .setEmail(email)
                .setName(name)
                .setStatus(AccountStatus.ACTIVE)
                .setSource("bench")
                .setSyncedAt(EPOCH)
                .build();
    }
}
