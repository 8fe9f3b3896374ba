-- The leaf hash of an exchange entry, computed by the hub from the canonical text it inserts, in the same statement.
-- The sealer takes it from here instead of reading the entry back, parsing and canonicalising it: under load that
-- re-reading was most of sealing's cost. It also fixes the hash at the moment the answer leaves, so an entry changed
-- afterwards (the triggers forbid it, a superuser could) no longer matches its sealed leaf and verification says so.
-- Null for entries written before this column and for ADMIN and SUBJECT_REPORT entries: the sealer computes those
-- from the entry as before. The sealer never writes here; ledger_leaf remains the record of what was sealed.
alter table ledger_entry add column leaf_hash bytea check (leaf_hash is null or length(leaf_hash) = 32);
