package io.mailroute.cli.bench;

import java.util.Random;

/** How big generated mails are: the target size is reached by an attachment of random bytes. */
public enum SizeMix {
    /** 1 to 8 KB: typical notices and orders. */
    SMALL,
    /** Mostly 1-8 KB; 8 % of 8 KB-1 MB, 2 % of 1-20 MB (claim-checked by the connector). */
    REALISTIC,
    /** 1 to 20 MB, all claim-checked. */
    LARGE;

    private static final int KB = 1024;
    private static final int MB = 1024 * KB;

    /** A target size in bytes; the mail's own text counts towards it. */
    int targetBytes(final Random random) {
        return switch (this) {
            case SMALL -> between(random, KB, 8 * KB);
            case REALISTIC -> {
                final int roll = random.nextInt(100);
                if (roll < 90) {
                    yield between(random, KB, 8 * KB);
                }
                yield roll < 98 ? between(random, 8 * KB, MB) : between(random, MB, 20 * MB);
            }
            case LARGE -> between(random, MB, 20 * MB);
        };
    }

    private static int between(final Random random, final int min, final int max) {
        return min + random.nextInt(max - min + 1);
    }
}
