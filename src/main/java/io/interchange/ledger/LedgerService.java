package io.interchange.ledger;

import io.interchange.platform.ApiException;
import io.interchange.platform.Caller;
import io.interchange.platform.Cursors;
import io.interchange.platform.ErrorCode;
import io.interchange.platform.Page;
import io.interchange.platform.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Appends entries (the only write the ledger knows) and lists them to the auditors allowed to read them. */
@ApplicationScoped
public class LedgerService {

    public enum Kind {
        EXCHANGE,
        ADMIN,
        SUBJECT_REPORT
    }

    /** How a brokered call ended, as {@code outcome} of an EXCHANGE entry; other kinds have no outcome. */
    public enum Outcome {
        ANSWERED,
        REFUSED
    }

    @Inject
    LedgerKeys keys;

    @Inject
    io.interchange.platform.HubConfig config;

    @Inject
    LedgerGroupCommit groupCommit;

    /**
     * Records one brokered call, committed before this method returns, so the response that follows is never ahead of
     * its ledger entry — and a refusal is recorded even though the request failed. Independent of any transaction of
     * the caller: with group commit (the default) the entry joins the writer's next batch, otherwise it commits in a
     * transaction of its own.
     */
    public void appendExchange(ExchangeRecord r) {
        LedgerGroupCommit.Entry entry = exchangeEntry(r);
        if (config.ledger().groupCommit()) {
            groupCommit.append(entry);
        } else {
            commitAlone(entry);
        }
    }

    /**
     * As {@link #appendExchange}, without holding the calling thread: the stage completes once the entry is committed
     * (on the group-commit writer's thread, or on a worker when group commit is off) and fails if it was not. The
     * caller sends its response only when the stage has completed, so the response is still never ahead of its entry.
     */
    public CompletionStage<Void> appendExchangeAsync(ExchangeRecord r) {
        LedgerGroupCommit.Entry entry = exchangeEntry(r);
        if (config.ledger().groupCommit()) {
            return groupCommit.appendAsync(entry);
        }
        if (!io.vertx.core.Context.isOnEventLoopThread()) {
            try {
                commitAlone(entry);
                return CompletableFuture.completedFuture(null);
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        // never a blocking commit on an event loop
        return CompletableFuture.runAsync(
                () -> commitAlone(entry), io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool());
    }

    private LedgerGroupCommit.Entry exchangeEntry(ExchangeRecord r) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("kind", Kind.EXCHANGE.name());
        e.put("exchangeId", r.exchangeId().toString());
        e.put("requestId", r.requestId());
        e.put(
                "at",
                r.at().atZoneSameInstant(config.timeZone()).toOffsetDateTime().toString());
        e.put("requesterDepartment", r.requesterDepartment());
        e.put("providerDepartment", r.providerDepartment());
        e.put("clientId", r.clientId());
        e.put("user", r.user());
        e.put("resourceId", r.resourceId());
        e.put("grantId", r.grantId() == null ? null : r.grantId().toString());
        e.put("purpose", r.purpose());
        e.put("operation", r.operation());
        e.put("query", r.query());
        e.put("fields", r.fields());
        e.put("masked", r.masked());
        e.put("rawItems", r.rawItems());
        e.put("subjects", r.subjects());
        e.put("rows", r.rows());
        e.put("outcome", r.outcome());
        e.put("code", r.code());
        e.put("latencyMs", r.latencyMs());
        e.put("clientAddress", r.clientAddress());
        e.put("requestHash", r.requestHash());
        e.put("responseHash", r.responseHash());
        e.put("hmacKeyId", keys.keyId());
        return new LedgerGroupCommit.Entry(
                r.exchangeId(),
                Kind.EXCHANGE.name(),
                r.at(),
                r.requesterDepartment(),
                r.providerDepartment(),
                r.resourceId(),
                keys.keyId(),
                e);
    }

    /** The entry in a transaction of its own, committed on return: one commit flush per exchange. */
    void commitAlone(LedgerGroupCommit.Entry entry) {
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .run(() -> insert(
                        entry.entryId(),
                        Kind.valueOf(entry.kind()),
                        entry.at(),
                        entry.requester(),
                        entry.provider(),
                        entry.resourceId(),
                        entry.entry()));
    }

    /**
     * Records an administrative act in the caller's transaction: the act and its entry commit together or not at
     * all, so 三员分立 can be audited from the ledger alone.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void appendAdmin(
            String actor,
            String department,
            String action,
            String objectType,
            String objectId,
            Map<String, ?> summary) {
        appendAdmin(actor, department, null, action, objectType, objectId, summary);
    }

    /**
     * As above, for an act on another department's object (a review of its resource, a decision on its request): that
     * department's auditors see the entry too.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void appendAdmin(
            String actor,
            String department,
            String objectDepartment,
            String action,
            String objectType,
            String objectId,
            Map<String, ?> summary) {
        UUID id = UUID.randomUUID();
        OffsetDateTime at = OffsetDateTime.now(config.timeZone());
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("kind", Kind.ADMIN.name());
        e.put("entryId", id.toString());
        e.put("at", at.toString());
        e.put("actor", actor);
        e.put("department", department);
        String other = objectDepartment == null || objectDepartment.equals(department) ? null : objectDepartment;
        if (other != null) {
            e.put("objectDepartment", other);
        }
        e.put("action", action);
        e.put("object", Map.of("type", objectType, "id", objectId));
        e.put("summary", summary);
        insert(id, Kind.ADMIN, at, department, other, "resource".equals(objectType) ? objectId : null, e);
    }

    /**
     * Records that an auditor looked up a person's accesses, in the caller's transaction: actor, justification and the
     * subject's HMAC — never the identifier itself. Returns the entry id.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public String appendSubjectReport(
            String actor, String department, String justification, String subject, String scope, int matches) {
        UUID id = UUID.randomUUID();
        OffsetDateTime at = OffsetDateTime.now(config.timeZone());
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("kind", Kind.SUBJECT_REPORT.name());
        e.put("entryId", id.toString());
        e.put("at", at.toString());
        e.put("actor", actor);
        e.put("department", department);
        e.put("justification", justification);
        e.put("subject", subject);
        e.put("scope", scope == null ? "ALL" : scope);
        e.put("matches", matches);
        e.put("hmacKeyId", keys.keyId());
        insert(id, Kind.SUBJECT_REPORT, at, department, scope, null, e);
        return id.toString();
    }

    /** Grants among {@code grantIds} under which at least one exchange was answered: the data was delivered. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public java.util.Set<UUID> grantsWithAnsweredExchanges(java.util.Collection<UUID> grantIds) {
        if (grantIds.isEmpty()) {
            return java.util.Set.of();
        }
        @SuppressWarnings("unchecked")
        List<String> used = LedgerEntryRow.getEntityManager()
                .createNativeQuery("select distinct entry->>'grantId' from ledger_entry where kind = 'EXCHANGE' "
                        + "and entry->>'outcome' = 'ANSWERED' and entry->>'grantId' = any(cast(:ids as text[]))")
                .setParameter(
                        "ids",
                        grantIds.stream()
                                .map(UUID::toString)
                                .collect(java.util.stream.Collectors.joining(",", "{", "}")))
                .getResultList();
        return used.stream().map(UUID::fromString).collect(java.util.stream.Collectors.toSet());
    }

    /** {@code hmac:<keyId>:<hex>} of a personal value, normalised (trimmed, upper-case) so equal values match. */
    public String hmac(String value) {
        return keys.hmac(value.strip().toUpperCase(java.util.Locale.ROOT));
    }

    /** Auditors read their own department's entries (as requester or provider); hub-auditors read every entry. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Map<String, Object>> list(Caller caller, EntryQuery query) {
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        String department = query.department();
        if (!caller.is(Roles.HUB_AUDITOR)) {
            String own = caller.department();
            if (department != null && !department.equals(own)) {
                throw ApiException.forbidden(
                        ErrorCode.OTHER_DEPARTMENT, "auditors read only their own department's entries");
            }
            department = own;
        }
        if (department != null) {
            where.append(" and (requesterDepartment = :dept or providerDepartment = :dept)");
            params.put("dept", department);
        }
        if (query.resource() != null) {
            where.append(" and resourceId = :resource");
            params.put("resource", query.resource());
        }
        if (query.kind() != null) {
            where.append(" and kind = :kind");
            params.put("kind", query.kind().name());
        }
        if (query.outcome() != null) {
            // Only exchanges have an outcome. Written exactly as the predicate of the partial index
            // ledger_entry_refused, with the value as a literal (an enum name, never the caller's text), so that a
            // cached generic plan can still use it.
            where.append(" and kind = 'EXCHANGE' and function('jsonb_extract_path_text' as String, entry, 'outcome')"
                            + " = '")
                    .append(query.outcome().name())
                    .append("'");
        }
        if (query.from() != null) {
            where.append(" and at >= :from");
            params.put("from", query.from());
        }
        if (query.to() != null) {
            where.append(" and at < :to");
            params.put("to", query.to());
        }
        String after = Cursors.decode(query.cursor());
        if (after != null) {
            where.append(" and seq > :after");
            try {
                params.put("after", Long.parseLong(after));
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("cursor is not a cursor this API returned", "cursor");
            }
        }
        List<LedgerEntryRow> rows = LedgerEntryRow.<LedgerEntryRow>find(where + " order by seq", params)
                .range(0, query.limit())
                .list();
        List<LedgerEntryRow> page = rows.stream().limit(query.limit()).toList();
        Map<Long, Object[]> leaves = leaves(page);
        List<Map<String, Object>> items = page.stream()
                .map(row -> {
                    Object[] leaf = leaves.get(row.seq);
                    if (leaf == null) {
                        return row.entry; // not sealed yet
                    }
                    Map<String, Object> served = new LinkedHashMap<>();
                    served.put("leafIndex", ((Number) leaf[1]).longValue());
                    served.put("leafHash", leaf[2]);
                    served.putAll(row.entry);
                    return served;
                })
                .toList();
        String next = rows.size() > query.limit()
                ? Cursors.encode(rows.get(query.limit() - 1).seq.toString())
                : null;
        return new Page<>(items, next);
    }

    /** seq → [seq, leaf index, leaf hash hex] of the sealed entries among rows. */
    private static Map<Long, Object[]> leaves(List<LedgerEntryRow> rows) {
        if (rows.isEmpty()) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> found = LedgerEntryRow.getEntityManager()
                .createNativeQuery(
                        "select seq, leaf_index, encode(leaf_hash, 'hex') from ledger_leaf where seq in" + " (:seqs)")
                .setParameter("seqs", rows.stream().map(r -> r.seq).toList())
                .getResultList();
        Map<Long, Object[]> bySeq = new HashMap<>();
        for (Object[] row : found) {
            bySeq.put(((Number) row[0]).longValue(), row);
        }
        return bySeq;
    }

    private void insert(
            UUID id,
            Kind kind,
            OffsetDateTime at,
            String requester,
            String provider,
            String resourceId,
            Map<String, Object> entry) {
        LedgerEntryRow row = new LedgerEntryRow();
        row.entryId = id;
        row.kind = kind.name();
        row.at = at;
        row.requesterDepartment = requester;
        row.providerDepartment = provider;
        row.resourceId = resourceId;
        row.hmacKeyId = keys.keyId();
        row.entry = entry;
        row.persist();
    }
}
