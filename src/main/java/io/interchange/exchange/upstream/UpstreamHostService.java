package io.interchange.exchange.upstream;

import io.interchange.catalog.CatalogTypes.SourceKind;
import io.interchange.catalog.ResourceCommand;
import io.interchange.directory.DepartmentService;
import io.interchange.ledger.LedgerService;
import io.interchange.platform.ApiException;
import io.interchange.platform.Caller;
import io.interchange.platform.ErrorCode;
import io.interchange.platform.FieldError;
import io.interchange.platform.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The upstream-host allow-list of each department: which origins (scheme, host, port) its stewards may register as
 * upstream APIs. Only the authority edits it; every edit is ledgered.
 */
@ApplicationScoped
@Transactional
public class UpstreamHostService {

    static final int MAX_ENTRIES = 100;

    @Inject
    DepartmentService departments;

    @Inject
    LedgerService ledger;

    @Inject
    UpstreamConfig config;

    @Inject
    UpstreamClient client;

    /** The department's own stewards and officers, and the authority, may read the list. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<HostEntry> list(Caller caller, String departmentId) {
        departments.get(departmentId);
        if (!caller.is(Roles.HUB_ADMIN) && !departmentId.equals(caller.department())) {
            throw ApiException.forbidden(
                    ErrorCode.OTHER_DEPARTMENT, "the allow-list of " + departmentId + " is not yours to read");
        }
        return entries(departmentId);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<HostEntry> entries(String departmentId) {
        return UpstreamHost.<UpstreamHost>find("departmentId = ?1 order by scheme, host, port", departmentId).stream()
                .map(UpstreamHost::entry)
                .toList();
    }

    /** Replaces the list (hub-admin). Every entry must be canonical and allowable; otherwise nothing changes. */
    public List<HostEntry> replace(Caller caller, String departmentId, List<HostEntry> entries) {
        departments.get(departmentId);
        List<FieldError> problems = problems(entries);
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        List<HostEntry> before = entries(departmentId);
        List<HostEntry> after = List.copyOf(new LinkedHashSet<>(entries));
        // entity by entity, so the persistence context forgets them before the same keys are added back
        UpstreamHost.<UpstreamHost>list("departmentId", departmentId).forEach(UpstreamHost::delete);
        UpstreamHost.flush();
        OffsetDateTime now = OffsetDateTime.now();
        for (HostEntry e : after) {
            UpstreamHost row = new UpstreamHost();
            row.departmentId = departmentId;
            row.scheme = e.scheme();
            row.host = e.host();
            row.port = e.port();
            row.createdAt = now;
            row.persist();
        }
        client.forgetAllowList(departmentId);
        ledger.appendAdmin(
                caller.actor(),
                caller.department(),
                departmentId,
                "UPSTREAM_HOSTS_REPLACE",
                "department",
                departmentId,
                Map.of(
                        "before", before.stream().map(HostEntry::toString).toList(),
                        "after", after.stream().map(HostEntry::toString).toList()));
        return entries(departmentId);
    }

    /** Seed import: adds missing entries for a department, as the authority. */
    public void importMissing(String departmentId, List<HostEntry> entries) {
        departments.get(departmentId);
        List<FieldError> problems = problems(entries);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("seed allow-list of " + departmentId + ": " + problems);
        }
        List<HostEntry> existing = entries(departmentId);
        for (HostEntry e : entries) {
            if (existing.contains(e)) {
                continue;
            }
            UpstreamHost row = new UpstreamHost();
            row.departmentId = departmentId;
            row.scheme = e.scheme();
            row.host = e.host();
            row.port = e.port();
            row.createdAt = OffsetDateTime.now();
            row.persist();
            ledger.appendAdmin(
                    "seed",
                    departmentId,
                    departmentId,
                    "UPSTREAM_HOSTS_ADD",
                    "department",
                    departmentId,
                    Map.of("added", e.toString()));
        }
    }

    /** The refusals a list meets: every entry canonical, no link-local or metadata host, http/https only. */
    static List<FieldError> problems(List<HostEntry> entries) {
        List<FieldError> problems = new ArrayList<>();
        if (entries == null) {
            problems.add(new FieldError("body", "must be an array of {scheme, host, port}"));
            return problems;
        }
        if (entries.size() > MAX_ENTRIES) {
            problems.add(new FieldError("body", "at most " + MAX_ENTRIES + " entries"));
        }
        for (int i = 0; i < entries.size(); i++) {
            HostEntry e = entries.get(i);
            String at = "[" + i + "]";
            if (e == null) {
                problems.add(new FieldError(at, "must be an object {scheme, host, port}"));
                continue;
            }
            if (!"http".equals(e.scheme()) && !"https".equals(e.scheme())) {
                problems.add(new FieldError(at + ".scheme", "must be http or https"));
            }
            Optional<String> host = HostRules.problem(e.host());
            host.ifPresent(p -> problems.add(new FieldError(at + ".host", p)));
            if (e.port() == null || e.port() < 1 || e.port() > 65535) {
                problems.add(new FieldError(at + ".port", "must be a number from 1 to 65535"));
            }
        }
        return problems;
    }

    /** Registration check of a resource's source: the endpoint's rules and the provider's allow-list (422). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public void checkSource(String providerId, ResourceCommand command) {
        if (command.source() == null || command.source().kind() != SourceKind.UPSTREAM) {
            return;
        }
        List<FieldError> problems =
                EndpointTemplate.problems(command.source().endpoint(), command.items(), entries(providerId), limits());
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
    }

    EndpointTemplate.Limits limits() {
        return new EndpointTemplate.Limits(config.maxTimeoutMs(), config.maxResponseBytes());
    }
}
