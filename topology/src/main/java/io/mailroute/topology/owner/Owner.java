package io.mailroute.topology.owner;

/** An account or store that receives mail at an address. */
public record Owner(String accountId, String email, String name) {}
