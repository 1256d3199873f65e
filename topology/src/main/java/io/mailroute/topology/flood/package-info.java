/**
 * The flood sub-flow: senders and owners counted over all partitions, flooders flagged through a
 * global store of the FLOOD alerts, and their mail moved from the main track to the overflow lane
 * ({@link io.mailroute.topology.flood.FloodStage}).
 */
package io.mailroute.topology.flood;
