/**
 * The names of the topology's nodes: one {@link io.mailroute.topology.naming.Node} constant per named
 * step, with the pipeline stage its dead letters name, and the {@link io.mailroute.topology.naming.Track}
 * whose prefix tells the overflow lane's copies of the stages apart.
 */
package io.mailroute.topology.naming;
