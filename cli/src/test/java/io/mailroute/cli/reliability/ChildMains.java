package io.mailroute.cli.reliability;

import java.io.IOException;

/** What the child-JVM mains share. */
final class ChildMains {
    private ChildMains() {}

    /** Blocks until the parent closes this process's stdin (or kills it). */
    static void blockUntilStdinCloses() throws IOException {
        while (System.in.read() >= 0) {
            // input is ignored; end of stream means the parent is gone
        }
    }
}
