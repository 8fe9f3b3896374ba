package io.interchange.ledger;

import io.agroal.api.AgroalDataSource;
import io.interchange.ledger.LedgerViews.CheckpointList;
import io.interchange.ledger.LedgerViews.CheckpointView;
import io.interchange.ledger.LedgerViews.ConsistencyProof;
import io.interchange.ledger.LedgerViews.InclusionProof;
import io.interchange.ledger.LedgerViews.KeyList;
import io.interchange.ledger.LedgerViews.PublicKeyView;
import io.interchange.ledger.LedgerViews.Receipt;
import io.interchange.ledger.merkle.Hashes;
import io.interchange.ledger.merkle.Merkle;
import io.interchange.platform.ApiException;
import io.interchange.platform.Caller;
import io.interchange.platform.ErrorCode;
import io.interchange.platform.HubConfig;
import io.interchange.platform.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Checkpoints, proofs, receipts and public keys: read from the sealing tables, proofs built from O(log n) stored
 * subtree hashes. Read-only; the sealer is the only writer.
 */
@ApplicationScoped
public class LedgerProofService {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    HubConfig config;

    @Inject
    LedgerSigningKey signingKey;

    @Inject
    LedgerSealer sealer;

    public CheckpointView latest() {
        Optional<LedgerStore.CheckpointRow> published = sealer.published();
        if (published.isPresent()) {
            return view(published.get());
        }
        try (Connection c = dataSource.getConnection()) {
            return LedgerStore.latestCheckpoint(c)
                    .map(this::view)
                    .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no checkpoint has been published yet"));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The latest checkpoint: from memory on the sealing node, else from the table. */
    private Optional<LedgerStore.CheckpointRow> latestCheckpoint(Connection c) throws SQLException {
        Optional<LedgerStore.CheckpointRow> published = sealer.published();
        return published.isPresent() ? published : LedgerStore.latestCheckpoint(c);
    }

    public CheckpointList checkpoints(long from, int limit) {
        if (from < 0) {
            throw ApiException.invalid("from", "must not be negative");
        }
        try (Connection c = dataSource.getConnection()) {
            List<LedgerStore.CheckpointRow> rows = LedgerStore.checkpointsFrom(c, from, limit + 1);
            List<CheckpointView> items =
                    rows.stream().limit(limit).map(this::view).toList();
            Long next = rows.size() > limit ? rows.get(limit).treeSize() : null;
            return new CheckpointList(items, next);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public InclusionProof inclusion(Caller caller, long index, Long treeSize) {
        try (Connection c = dataSource.getConnection()) {
            long latest =
                    latestCheckpoint(c).map(LedgerStore.CheckpointRow::treeSize).orElse(0L);
            long size = treeSize == null ? latest : treeSize;
            if (index >= 0 && index < size && size <= latest) {
                // The common case in one round trip: the leaf, who may read it, and its path.
                Optional<LedgerStore.LeafProof> proof = LedgerStore.inclusion(c, index, size);
                if (proof.isPresent()) {
                    mayRead(caller, proof.get().leaf());
                    return new InclusionProof(
                            index,
                            size,
                            Hashes.hex(proof.get().leaf().leafHash()),
                            hex(proof.get().path()));
                }
            }
            // Everything else step by step, so the answer keeps its order: 404, then 403, then 422.
            LedgerStore.LeafRow leaf = LedgerStore.leaf(c, index)
                    .orElseThrow(() -> ApiException.notFound("Ledger entry with leaf index", Long.toString(index)));
            mayRead(caller, leaf);
            long checked = treeSize(c, treeSize, "treeSize");
            if (index >= checked) {
                throw ApiException.invalid("treeSize", "leaf " + index + " is not in a tree of size " + checked);
            }
            return new InclusionProof(
                    index,
                    checked,
                    Hashes.hex(leaf.leafHash()),
                    hex(LedgerStore.withNodes(c, nodes -> Merkle.inclusionProof(nodes, index, checked))));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public ConsistencyProof consistency(Long first, Long second) {
        if (first == null || first < 1) {
            throw ApiException.invalid("first", "must be a tree size of at least 1");
        }
        try (Connection c = dataSource.getConnection()) {
            long to = treeSize(c, second, "second");
            if (first > to) {
                throw ApiException.invalid("first", "must not exceed second (" + to + ")");
            }
            return new ConsistencyProof(
                    first, to, hex(LedgerStore.withNodes(c, nodes -> Merkle.consistencyProof(nodes, first, to))));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The receipt once sealed; empty while the entry waits for the sealer. */
    public Optional<Receipt> receipt(Caller caller, UUID exchangeId) {
        try (Connection c = dataSource.getConnection()) {
            LedgerStore.LeafRow leaf = LedgerStore.leafOfEntry(c, exchangeId)
                    .filter(l -> LedgerService.Kind.EXCHANGE.name().equals(l.kind()))
                    .orElseThrow(() -> ApiException.notFound("Exchange", exchangeId.toString()));
            mayRead(caller, leaf);
            Optional<LedgerStore.CheckpointRow> checkpoint = latestCheckpoint(c);
            if (leaf.leafIndex() < 0 || checkpoint.isEmpty() || checkpoint.get().treeSize() <= leaf.leafIndex()) {
                return Optional.empty();
            }
            long size = checkpoint.get().treeSize();
            return Optional.of(new Receipt(
                    exchangeId.toString(),
                    leaf.leafIndex(),
                    Hashes.hex(leaf.leafHash()),
                    size,
                    hex(LedgerStore.withNodes(c, nodes -> Merkle.inclusionProof(nodes, leaf.leafIndex(), size))),
                    view(checkpoint.get())));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public PublicKeyView currentKey() {
        return keys().items().stream()
                .filter(k -> k.keyId().equals(signingKey.keyId()))
                .findFirst()
                .orElseGet(() -> new PublicKeyView(
                        signingKey.name(), signingKey.keyId(), signingKey.pem(), signingKey.verifierKey(), null, null));
    }

    public KeyList keys() {
        try (Connection c = dataSource.getConnection()) {
            List<LedgerStore.KeyRow> rows = LedgerStore.keys(c);
            return new KeyList(
                    rows.stream()
                            .filter(k -> k.kind().equals("SIGNING"))
                            .map(k -> new PublicKeyView(
                                    k.keyName(),
                                    k.keyId(),
                                    k.publicKey(),
                                    k.verifierKey(),
                                    k.createdAt(),
                                    k.retiredAt()))
                            .toList(),
                    rows.stream()
                            .filter(k -> k.kind().equals("HMAC"))
                            .map(LedgerStore.KeyRow::keyId)
                            .toList());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** hub-auditors read every entry; anyone else only entries where their department is requester or provider. */
    static void mayRead(Caller caller, LedgerStore.LeafRow leaf) {
        if (caller.is(Roles.HUB_AUDITOR)) {
            return;
        }
        String own = caller.department();
        if (!own.equals(leaf.requester()) && !own.equals(leaf.provider())) {
            throw ApiException.forbidden(ErrorCode.OTHER_DEPARTMENT, "this entry belongs to other departments");
        }
    }

    private long treeSize(Connection c, Long requested, String field) throws SQLException {
        long latest =
                latestCheckpoint(c).map(LedgerStore.CheckpointRow::treeSize).orElse(0L);
        if (requested == null) {
            if (latest == 0) {
                throw ApiException.invalid(field, "no checkpoint has been published yet");
            }
            return latest;
        }
        if (requested < 1 || requested > latest) {
            throw ApiException.invalid(field, "must be between 1 and the latest checkpoint's tree size " + latest);
        }
        return requested;
    }

    CheckpointView view(LedgerStore.CheckpointRow row) {
        String origin = row.note().substring(0, row.note().indexOf('\n'));
        return new CheckpointView(
                origin,
                row.treeSize(),
                Hashes.hex(row.rootHash()),
                row.note(),
                row.keyId(),
                row.createdAt().atZoneSameInstant(config.timeZone()).toOffsetDateTime());
    }

    static List<String> hex(List<byte[]> path) {
        return path.stream().map(Hashes::hex).toList();
    }
}
