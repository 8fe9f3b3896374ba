-- Sealing: the sealer never touches ledger_entry. Leaf indexes and hashes, complete subtree hashes, signed checkpoints
-- and the keys that signed them go into tables of their own, all insert-only like the entries.
create function ledger_append_only() returns trigger
    language plpgsql as
$$
begin
    raise exception 'ledger tables are append-only (% on % refused)', tg_op, tg_table_name
        using errcode = 'insufficient_privilege';
end;
$$;

-- Every key the ledger ever used. A signing key is retired when a newer one of its kind exists: retirement is
-- derived, never written, so this table too only grows.
create table ledger_key (
    kind          varchar(16)  not null,          -- SIGNING (Ed25519, checkpoints) or HMAC (personal values)
    key_id        varchar(32)  not null,
    key_name      varchar(200),                   -- C2SP key name = checkpoint origin
    public_key    text,                           -- PEM SubjectPublicKeyInfo; none for HMAC keys
    verifier_key  text,                           -- C2SP verifier key string
    created_at    timestamptz  not null default now(),
    primary key (kind, key_id)
);

-- Leaf index = position in the tree (0-based, contiguous, in sealing order); seq = the entry it hashes.
create table ledger_leaf (
    leaf_index  bigint       primary key,
    seq         bigint       not null unique references ledger_entry (seq),
    leaf_hash   bytea        not null check (length(leaf_hash) = 32),
    sealed_at   timestamptz  not null default now()
);

-- Complete subtrees: (level, idx) covers leaves [idx·2^level, (idx+1)·2^level). Level 0 is ledger_leaf.leaf_hash.
create table ledger_node (
    level  int     not null check (level between 1 and 62),
    idx    bigint  not null,
    hash   bytea   not null check (length(hash) = 32),
    primary key (level, idx)
);

create table ledger_checkpoint (
    tree_size   bigint       primary key check (tree_size > 0),
    root_hash   bytea        not null check (length(root_hash) = 32),
    note        text         not null,           -- C2SP signed note
    key_id      varchar(32)  not null,
    created_at  timestamptz  not null default now()
);

-- "Who accessed data about this person": subjects holds HMACs only; jsonb_path_ops serves @> lookups.
create index ledger_entry_subjects on ledger_entry using gin ((entry -> 'subjects') jsonb_path_ops);

create trigger ledger_key_no_update_or_delete before update or delete on ledger_key
    for each row execute function ledger_append_only();
create trigger ledger_key_no_truncate before truncate on ledger_key
    for each statement execute function ledger_append_only();
create trigger ledger_leaf_no_update_or_delete before update or delete on ledger_leaf
    for each row execute function ledger_append_only();
create trigger ledger_leaf_no_truncate before truncate on ledger_leaf
    for each statement execute function ledger_append_only();
create trigger ledger_node_no_update_or_delete before update or delete on ledger_node
    for each row execute function ledger_append_only();
create trigger ledger_node_no_truncate before truncate on ledger_node
    for each statement execute function ledger_append_only();
create trigger ledger_checkpoint_no_update_or_delete before update or delete on ledger_checkpoint
    for each row execute function ledger_append_only();
create trigger ledger_checkpoint_no_truncate before truncate on ledger_checkpoint
    for each statement execute function ledger_append_only();
