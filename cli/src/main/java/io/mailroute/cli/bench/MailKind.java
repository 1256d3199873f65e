package io.mailroute.cli.bench;

/** What a generated mail is, and where the default rule pack sends it. */
public enum MailKind {
    /** AWS billing, health or support mail in English: NOTIFY or TICKET. */
    AWS_NOTICE_EN,
    /** AWS mail in Japanese, ISO-2022-JP body and encoded-word subject: NOTIFY. */
    AWS_NOTICE_JA,
    /** AWS billing in Shift_JIS that is really CP932 (①, ～): NOTIFY. */
    AWS_NOTICE_SJIS,
    /** An AWS abuse report: TICKET and NOTIFY. */
    AWS_ABUSE,
    /** Rakuten, Amazon or Yahoo! order notification to a store inbox: ORDER_IMPORT. */
    MARKETPLACE_ORDER,
    /** A DSN (multipart/report) bounce: TICKET. */
    DSN_BOUNCE,
    /** AWS-looking mail failing DMARC: QUARANTINE. */
    SPOOFED,
    /** A newsletter no rule knows: mail.retry (UNCLASSIFIED) and a new-pattern alert. */
    UNKNOWN_PATTERN,
    /** Truncated, bad boundaries, NULs, wrong charset, huge headers, deep nesting or not a mail at all. */
    MALFORMED,
    /** A valid mail with flipped bytes or cut short. */
    FUZZED
}
