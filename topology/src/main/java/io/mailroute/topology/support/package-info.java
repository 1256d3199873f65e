/**
 * Small pieces every package of the topology may use and that use none of them: SHA-256 as the
 * records carry it ({@link io.mailroute.topology.support.Hashes}) and the change counter of a global
 * store ({@link io.mailroute.topology.support.Generation}).
 */
package io.mailroute.topology.support;
