/**
 * The global stores of owners and rules that every sub-flow reads, added once to the builder
 * ({@link io.mailroute.topology.lookup.Lookups}).
 */
package io.mailroute.topology.lookup;
