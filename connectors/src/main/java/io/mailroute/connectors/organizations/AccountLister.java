package io.mailroute.connectors.organizations;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.Account;

/**
 * Reads every account in scope, all pages: the whole organization with {@code ListAccounts}, or
 * the given parents (and, recursively, their OUs) with {@code ListAccountsForParent}. Throttling
 * and 5xx answers are retried with backoff by the SDK's retry strategy.
 */
final class AccountLister {
    private final OrganizationsClient client;
    private final List<String> parentIds;
    private final boolean recursive;
    private final int pageSize;

    AccountLister(
            final OrganizationsClient client,
            final List<String> parentIds,
            final boolean recursive,
            final int pageSize) {
        this.client = client;
        this.parentIds = List.copyOf(parentIds);
        this.recursive = recursive;
        this.pageSize = pageSize;
    }

    /** The accounts in scope by id; an account listed under two parents appears once. */
    Map<String, OrgAccount> list() {
        final Map<String, OrgAccount> accounts = new LinkedHashMap<>();
        if (parentIds.isEmpty()) {
            client.listAccountsPaginator(r -> r.maxResults(pageSize)).stream()
                    .flatMap(page -> page.accounts().stream())
                    .forEach(a -> accounts.put(a.id(), toOrgAccount(a)));
            return accounts;
        }
        final Deque<String> parents = new ArrayDeque<>(parentIds);
        final List<String> visited = new ArrayList<>();
        while (!parents.isEmpty()) {
            final String parent = parents.pop();
            if (visited.contains(parent)) {
                continue;
            }
            visited.add(parent);
            client.listAccountsForParentPaginator(r -> r.parentId(parent).maxResults(pageSize)).stream()
                    .flatMap(page -> page.accounts().stream())
                    .forEach(a -> accounts.put(a.id(), toOrgAccount(a)));
            if (recursive) {
                client
                        .listOrganizationalUnitsForParentPaginator(
                                r -> r.parentId(parent).maxResults(pageSize))
                        .stream()
                        .flatMap(page -> page.organizationalUnits().stream())
                        .forEach(ou -> parents.add(ou.id()));
            }
        }
        return accounts;
    }

    /** Prefers the newer {@code State} field, falling back to the deprecated {@code Status}. */
    static OrgAccount toOrgAccount(final Account account) {
        final String state = account.stateAsString() != null ? account.stateAsString() : account.statusAsString();
        return new OrgAccount(account.id(), account.email(), account.name(), state, account.joinedTimestamp());
    }
}
