package io.mailroute.embedded;

import kafka.server.FaultHandlerFactory;
import org.apache.kafka.server.fault.FaultHandler;
import org.apache.kafka.server.fault.LoggingFaultHandler;

/**
 * Fault handlers for an in-process node: a fatal metadata fault is logged at ERROR instead of
 * halting the whole JVM as the standalone broker's {@code ProcessTerminatingFaultHandler} does,
 * because the JVM also hosts the caller (tests, the {@code local} command).
 */
final class LoggingFaultHandlerFactory implements FaultHandlerFactory {
    @Override
    public FaultHandler build(final String name, final boolean fatal, final Runnable action) {
        return new LoggingFaultHandler(fatal ? "fatal " + name : name, action);
    }
}
