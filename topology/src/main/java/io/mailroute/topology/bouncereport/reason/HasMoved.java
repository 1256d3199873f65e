package io.mailroute.topology.bouncereport.reason;

/** The recipient's address has been replaced by another one. */
final class HasMoved extends Reason {
    HasMoved() {
        super("hasmoved", WordList.builder().phrases(" has been replaced by ").build());
    }
}
