package io.mailroute.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Text built to make a backtracking regex engine stall or overflow its stack (long runs of what the
 * patterns' repeated classes accept, the reports of issue 16), and a clock to hold code to a bound
 * on it.
 */
public final class HostileText {
    /** A megabyte of text. */
    public static final int MEGABYTE = 1 << 20;
    /**
     * CPU time of the working thread: generous for a linear-time engine; a backtracking one takes
     * minutes on these or overflows its stack.
     */
    public static final Duration BOUND = Duration.ofSeconds(2);

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private HostileText() {}

    /** The hostile texts by name, each up to a megabyte. */
    public static Map<String, String> samples() {
        final Map<String, String> texts = new LinkedHashMap<>();
        texts.put("'abuse report' and 100,000 spaces", "abuse report" + " ".repeat(100_000));
        texts.put("'re:' 20,000 times", "re:".repeat(20_000));
        texts.put("an address with 30,000 domain labels", "x@" + "a.".repeat(30_000) + "amazonaws.com");
        texts.put("1 MB of 'a'", fill("a"));
        texts.put("1 MB of blanks", fill(" \t "));
        texts.put("1 MB of digits", fill("0"));
        texts.put("1 MB of 'account '", fill("account "));
        texts.put("1 MB of 'case id: '", fill("case id: "));
        texts.put("1 MB of '5.'", fill("5."));
        texts.put("1 MB of '<a@'", fill("<a@"));
        texts.put("1 MB of 'to: user: '", fill("to: user: -to "));
        texts.put("1 MB of '--' lines", fill("--\n"));
        texts.put("1 MB of 'buyer: x'", fill("buyer: x"));
        texts.put("1 MB of '注文番号 ¥1,'", fill("注文番号 ¥1,"));
        return texts;
    }

    /** {@code unit} repeated to a megabyte. */
    public static String fill(final String unit) {
        return unit.repeat(MEGABYTE / unit.length());
    }

    /**
     * Runs {@code work}, asserting that it throws nothing (no StackOverflowError either) and uses at
     * most {@link #BOUND} of this thread's CPU time, which other processes on a loaded machine do not
     * stretch as they stretch the wall clock; returns the CPU time it took.
     */
    public static Duration time(final String what, final Runnable work) {
        final long start = THREADS.getCurrentThreadCpuTime();
        assertThatCode(work::run).as(what).doesNotThrowAnyException();
        final Duration took = Duration.ofNanos(THREADS.getCurrentThreadCpuTime() - start);
        assertThat(took).as(what).isLessThan(BOUND);
        return took;
    }
}
