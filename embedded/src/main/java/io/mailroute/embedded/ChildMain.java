package io.mailroute.embedded;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * How a {@link ChildJvm} runs its main class: {@code ChildMain MAIN_CLASS ARGS...}. Exits the JVM
 * (shutdown hooks included) when stdin closes, which happens when the parent ends, however it
 * ends; the parent never writes to it.
 */
public final class ChildMain {
    private ChildMain() {}

    public static void main(final String[] args) throws Throwable {
        final Thread watcher = new Thread(ChildMain::exitWhenStdinCloses, "parent-watch");
        watcher.setDaemon(true);
        watcher.start();
        try {
            Class.forName(args[0]).getMethod("main", String[].class).invoke(null, (Object)
                    Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Blocks the calling thread for good: a child's main that must not return (and close what it runs) calls it. */
    public static void parkUntilExit() throws InterruptedException {
        new CountDownLatch(1).await();
    }

    private static void exitWhenStdinCloses() {
        try {
            while (System.in.read() >= 0) {
                // input is ignored; end of stream means the parent is gone
            }
        } catch (IOException e) {
            // a broken stdin means the same
        }
        System.exit(0);
    }
}
